package io.topicbus.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionIndexTest {

    private final SubscriptionIndex<String> index = new SubscriptionIndex<>();

    private void add(String pattern, String value) {
        index.add(Pattern.parse(pattern), value);
    }

    private boolean remove(String pattern, String value) {
        return index.remove(Pattern.parse(pattern), value);
    }

    private static String joined(String segment, int count) {
        return String.join(".", Collections.nCopies(count, segment));
    }

    @Test
    void emptyIndexMatchesNothing() {
        assertThat(index.match("a.b")).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void literalPatternMatchesOnlyItsTopic() {
        add("orders.eu.created", "s1");
        assertThat(index.match("orders.eu.created")).containsExactly("s1");
        assertThat(index.match("orders.eu")).isEmpty();
        assertThat(index.match("orders.eu.created.x")).isEmpty();
        assertThat(index.match("orders.EU.created")).isEmpty();
    }

    @Test
    void hashMatchesZeroSegments() {
        add("a.#", "s1");
        add("#.z", "s2");
        add("a.#.z", "s3");
        assertThat(index.match("a")).containsExactly("s1");
        assertThat(index.match("z")).containsExactly("s2");
        assertThat(index.match("a.z")).containsExactlyInAnyOrder("s1", "s2", "s3");
    }

    @Test
    void hashMatchesAnyNumberOfSegments() {
        add("a.#.z", "s1");
        assertThat(index.match("a.b.c.d.z")).containsExactly("s1");
        assertThat(index.match("a.b.c.d.y")).isEmpty();
    }

    @Test
    void starMatchesExactlyOneSegment() {
        add("a.*", "s1");
        assertThat(index.match("a")).isEmpty();
        assertThat(index.match("a.b")).containsExactly("s1");
        assertThat(index.match("a.b.c")).isEmpty();
    }

    @Test
    void hashAloneMatchesEveryTopic() {
        add("#", "all");
        assertThat(index.match("x")).containsExactly("all");
        assertThat(index.match(joined("x", 32))).containsExactly("all");
    }

    @Test
    void valueReachableByManyPathsIsEmittedOnce() {
        add("#.#", "s1");
        add("#.#.#.#", "s2");
        add("#.a.#", "s3");
        assertThat(index.match("a.a.a.a")).containsExactlyInAnyOrder("s1", "s2", "s3");
    }

    @Test
    void valueUnderSeveralMatchingPatternsIsEmittedOnce() {
        add("orders.#", "s1");
        add("orders.*", "s1");
        add("#", "s1");
        add("orders.eu", "s1");
        assertThat(index.match("orders.eu")).containsExactly("s1");
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void eachCallEmitsAgain() {
        add("#.#", "s1");
        assertThat(index.match("a")).containsExactly("s1");
        assertThat(index.match("a")).containsExactly("s1");
    }

    @Test
    void addingTheSamePairTwiceIsIdempotent() {
        add("a.*", "s1");
        add("a.*", "s1");
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.match("a.b")).containsExactly("s1");
        assertThat(remove("a.*", "s1")).isTrue();
        assertThat(index.match("a.b")).isEmpty();
    }

    @Test
    void valuesAreComparedWithEquals() {
        add("a", new String("s1"));
        add("a", new String("s1"));
        assertThat(index.size()).isEqualTo(1);
        assertThat(remove("a", new String("s1"))).isTrue();
        assertThat(index.size()).isZero();
    }

    @Test
    void removeTakesOnlyThatPair() {
        add("a.*", "s1");
        add("a.#", "s1");
        add("a.*", "s2");
        assertThat(remove("a.*", "s1")).isTrue();
        assertThat(index.match("a.b")).containsExactlyInAnyOrder("s1", "s2");
        assertThat(index.match("a")).containsExactly("s1");
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void removeOfAnAbsentPairReturnsFalse() {
        add("a.b", "s1");
        assertThat(remove("a.b", "s2")).isFalse();
        assertThat(remove("a.c", "s1")).isFalse();
        assertThat(remove("a", "s1")).isFalse();
        assertThat(remove("a.b.c", "s1")).isFalse();
        assertThat(remove("a.*", "s1")).isFalse();
        assertThat(remove("a.#", "s1")).isFalse();
        assertThat(index.size()).isEqualTo(1);
        assertThat(remove("a.b", "s1")).isTrue();
        assertThat(remove("a.b", "s1")).isFalse();
    }

    @Test
    void removingALeafKeepsThePatternsAboveIt() {
        add("a", "s1");
        add("a.b.c", "s2");
        assertThat(remove("a.b.c", "s2")).isTrue();
        assertThat(index.match("a")).containsExactly("s1");
        add("a.b.c", "s3");
        assertThat(index.match("a.b.c")).containsExactly("s3");
    }

    @Test
    void removingAPrefixKeepsThePatternsBelowIt() {
        add("a.#", "s1");
        add("a.#.z", "s2");
        assertThat(remove("a.#", "s1")).isTrue();
        assertThat(index.match("a.q.z")).containsExactly("s2");
        assertThat(index.match("a")).isEmpty();
    }

    @Test
    void emptyIndexAfterRemovingEverythingBehavesAsNew() {
        String[] patterns = {"a.b", "a.*", "a.#", "#", "#.#.z", "*.b.#"};
        for (String p : patterns) {
            add(p, "s-" + p);
        }
        for (String p : patterns) {
            assertThat(remove(p, "s-" + p)).isTrue();
        }
        assertThat(index.size()).isZero();
        assertThat(index.match("a.b")).isEmpty();
        add("a.b", "again");
        assertThat(index.match("a.b")).containsExactly("again");
    }

    @Test
    void matchBySegmentsFeedsTheSink() {
        add("orders.*", "s1");
        add("orders.eu", "s2");
        List<String> seen = new ArrayList<>();
        index.match(new String[] {"orders", "eu"}, seen::add);
        assertThat(seen).containsExactlyInAnyOrder("s1", "s2");
    }

    @Test
    void matchOfAnInvalidTopicNameIsRefused() {
        assertThatThrownBy(() -> index.match("a..b")).isInstanceOf(IllegalArgumentException.class).hasMessage("segment 2 is empty");
        assertThatThrownBy(() -> index.match("a.*")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sinkMustNotCallBackIntoTheIndex() {
        add("a", "s1");
        assertThatThrownBy(() -> index.match(new String[] {"a"}, v -> index.add(Pattern.parse("b"), "s2")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> index.match(new String[] {"a"}, v -> index.match("a")))
                .isInstanceOf(IllegalStateException.class);
        // The index is still usable afterwards.
        assertThat(index.match("a")).containsExactly("s1");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void manyActiveStatesAreHandled() {
        // 32 levels of '#' make every node active at every step: the buffers must grow.
        for (int depth = 1; depth <= 32; depth++) {
            add(joined("#", depth), "h" + depth);
            add(joined("*", depth), "s" + depth);
        }
        assertThat(index.match(joined("x", 32))).hasSize(33);
        assertThat(index.match("x")).hasSize(33);
    }

    @Test
    void fifteenHashesAndALiteralAgainstThirtyTwoSegmentsAnswersFast() {
        add(joined("#", 15) + ".z", "s1");
        String[] miss = joined("a", 32).split("\\.");
        String[] hit = (joined("a", 31) + ".z").split("\\.");
        int[] matches = new int[1];
        long start = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            index.match(miss, v -> matches[0]++);
            index.match(hit, v -> matches[0]++);
        }
        // A guard against exponential backtracking (which would take hours), not a benchmark.
        assertThat(System.nanoTime() - start).isLessThan(500_000_000L);
        assertThat(matches[0]).isEqualTo(1_000);
    }

    @Test
    void nullsAreRefused() {
        assertThatThrownBy(() -> index.add(null, "s1")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> index.add(Pattern.parse("a"), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> index.remove(Pattern.parse("a"), null)).isInstanceOf(NullPointerException.class);
    }
}
