package io.topicbus.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routing facts of RabbitMQ's topic exchange test (rabbitmq-server, {@code test_topic_matching}
 * for {@code rabbit_exchange_type_topic}), re-expressed in TopicBus syntax. RabbitMQ's {@code #}
 * also matches zero or more words, so every expectation carries over unchanged. Left out: the
 * binding {@code ""} (t17) and the routing key {@code ""}, because an empty name is invalid here,
 * and the binding-arguments case (t27), which has no counterpart.
 */
class RabbitTopicRoutingTest {

    /** Queue name to binding key, in RabbitMQ's order. */
    private static final Map<String, String> BINDINGS = bindings(
            "t1", "a.b.c", "t2", "a.*.c", "t3", "a.#.b", "t4", "a.b.b.c", "t5", "#", "t6", "#.#",
            "t7", "#.b", "t8", "*.*", "t9", "a.*", "t10", "*.b.c", "t11", "a.#", "t12", "a.#.#",
            "t13", "b.b.c", "t14", "a.b.b", "t15", "a.b", "t16", "b.c", "t18", "*.*.*",
            "t19", "vodka.martini", "t20", "a.b.c", "t21", "*.#", "t22", "#.*.#", "t23", "*.#.#",
            "t24", "#.#.#", "t25", "*", "t26", "#.b.#");

    private final SubscriptionIndex<String> index = new SubscriptionIndex<>();
    /** The bindings currently in the index. */
    private final Map<String, String> bound = new LinkedHashMap<>(BINDINGS);

    private static Map<String, String> bindings(String... queueAndKey) {
        Map<String, String> bindings = new LinkedHashMap<>();
        for (int i = 0; i < queueAndKey.length; i += 2) {
            bindings.put(queueAndKey[i], queueAndKey[i + 1]);
        }
        return Collections.unmodifiableMap(bindings);
    }

    @BeforeEach
    void bindAll() {
        bound.forEach((queue, key) -> index.add(Pattern.parse(key), queue));
    }

    private void unbind(String queue) {
        assertThat(index.remove(Pattern.parse(bound.get(queue)), queue)).isTrue();
        bound.remove(queue);
    }

    /** The index routes {@code topic} to exactly {@code queues}, and each pattern alone agrees. */
    private void expect(String topic, String... queues) {
        assertThat(index.match(topic)).as(topic).containsExactlyInAnyOrder(queues);
        List<String> expected = List.of(queues);
        bound.forEach((queue, key) -> assertThat(Pattern.parse(key).matches(topic))
                .as("%s against %s", key, topic)
                .isEqualTo(expected.contains(queue)));
    }

    @Test
    void routesLikeRabbitMqWithAllBindings() {
        expect("a.b.c", "t1", "t2", "t5", "t6", "t10", "t11", "t12", "t18", "t20", "t21", "t22", "t23", "t24", "t26");
        expect("a.b", "t3", "t5", "t6", "t7", "t8", "t9", "t11", "t12", "t15", "t21", "t22", "t23", "t24", "t26");
        expect("a.b.b", "t3", "t5", "t6", "t7", "t11", "t12", "t14", "t18", "t21", "t22", "t23", "t24", "t26");
        expect("b.c.c", "t5", "t6", "t18", "t21", "t22", "t23", "t24", "t26");
        expect("a.a.a.a.a", "t5", "t6", "t11", "t12", "t21", "t22", "t23", "t24");
        expect("vodka.gin", "t5", "t6", "t8", "t21", "t22", "t23", "t24");
        expect("vodka.martini", "t5", "t6", "t8", "t19", "t21", "t22", "t23", "t24");
        expect("b.b.c", "t5", "t6", "t10", "t13", "t18", "t21", "t22", "t23", "t24", "t26");
        expect("nothing.here.at.all", "t5", "t6", "t21", "t22", "t23", "t24");
        expect("oneword", "t5", "t6", "t21", "t22", "t23", "t24", "t25");
    }

    @Test
    void routesLikeRabbitMqAfterRemovingSomeBindings() {
        for (String queue : new String[] {"t1", "t5", "t11", "t19", "t21"}) {
            unbind(queue);
        }
        expect("a.b.c", "t2", "t6", "t10", "t12", "t18", "t20", "t22", "t23", "t24", "t26");
        expect("a.b", "t3", "t6", "t7", "t8", "t9", "t12", "t15", "t22", "t23", "t24", "t26");
        expect("a.b.b", "t3", "t6", "t7", "t12", "t14", "t18", "t22", "t23", "t24", "t26");
        expect("b.c.c", "t6", "t18", "t22", "t23", "t24", "t26");
        expect("a.a.a.a.a", "t6", "t12", "t22", "t23", "t24");
        expect("vodka.gin", "t6", "t8", "t22", "t23", "t24");
        expect("vodka.martini", "t6", "t8", "t22", "t23", "t24");
        expect("b.b.c", "t6", "t10", "t13", "t18", "t22", "t23", "t24", "t26");
        expect("nothing.here.at.all", "t6", "t22", "t23", "t24");
        expect("oneword", "t6", "t22", "t23", "t24", "t25");
    }

    @Test
    void matchesNothingOnceEveryBindingIsRemoved() {
        for (String queue : BINDINGS.keySet()) {
            unbind(queue);
        }
        assertThat(index.match("a.b.c")).isEmpty();
        assertThat(index.match("b.b.c")).isEmpty();
        assertThat(index.size()).isZero();
    }
}
