package io.topicbus.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The trie and {@link Pattern#matches} against a naive reference: a regular expression built from
 * the pattern text. Patterns and topics come from a three-letter alphabet with many {@code #}, so
 * that most topics are matched by something and paths through {@code #} overlap.
 */
class SubscriptionIndexProperties {

    /** The reference matcher: {@code ".topic"} against one regex piece per segment. */
    static boolean naiveMatches(String pattern, String topic) {
        StringBuilder regex = new StringBuilder();
        for (String segment : pattern.split("\\.")) {
            switch (segment) {
                case "#" -> regex.append("(?:\\.[^.]+)*");
                case "*" -> regex.append("\\.[^.]+");
                default -> regex.append("\\.").append(java.util.regex.Pattern.quote(segment));
            }
        }
        return java.util.regex.Pattern.matches(regex.toString(), "." + topic);
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> segment = Arbitraries.frequency(
                Tuple.of(3, "a"), Tuple.of(3, "b"), Tuple.of(1, "c"), Tuple.of(2, "*"), Tuple.of(4, "#"));
        return segment.list().ofMinSize(1).ofMaxSize(6).map(s -> String.join(".", s));
    }

    @Provide
    Arbitrary<String> topics() {
        return Arbitraries.of("a", "b", "c").list().ofMinSize(1).ofMaxSize(8).map(s -> String.join(".", s));
    }

    @Provide
    Arbitrary<List<String>> topicSamples() {
        return topics().list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<Tuple2<String, Integer>>> subscriptions() {
        // Few values, so that one value is often under several patterns.
        return Combinators.combine(patterns(), Arbitraries.integers().between(0, 7)).as(Tuple::of)
                .list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 300)
    void patternMatchesLikeTheRegex(@ForAll("patterns") String pattern, @ForAll("topics") String topic) {
        assertThat(Pattern.parse(pattern).matches(topic)).isEqualTo(naiveMatches(pattern, topic));
    }

    @Property(tries = 400)
    void trieEmitsEachValueOfAMatchingPatternExactlyOnce(
            @ForAll("subscriptions") List<Tuple2<String, Integer>> subscriptions,
            @ForAll("topicSamples") List<String> sampleTopics) {
        SubscriptionIndex<Integer> index = new SubscriptionIndex<>();
        subscriptions.forEach(s -> index.add(Pattern.parse(s.get1()), s.get2()));
        assertThat(index.size()).isEqualTo(new HashSet<>(subscriptions).size());
        for (String topic : sampleTopics) {
            Set<Integer> expected = new HashSet<>();
            for (Tuple2<String, Integer> s : subscriptions) {
                if (naiveMatches(s.get1(), topic)) {
                    expected.add(s.get2());
                }
            }
            assertThat(index.match(topic)).as(topic).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Provide
    Arbitrary<List<Tuple2<String, Integer>>> operations() {
        // A small pool of patterns and values, so that removes usually hit a pair that is there.
        Arbitrary<String> pattern = Arbitraries.of("a", "b", "*", "#").list().ofMinSize(1).ofMaxSize(4)
                .map(s -> String.join(".", s));
        Arbitrary<Integer> value = Arbitraries.integers().between(0, 3);
        // A negative value means "remove the pair with value -1 - v".
        Arbitrary<Integer> signedValue = Combinators.combine(value, Arbitraries.of(true, true, false))
                .as((v, add) -> add ? v : -1 - v);
        return Combinators.combine(pattern, signedValue).as(Tuple::of).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void addsAndRemovesLeaveTheIndexEquivalentToAList(@ForAll("operations") List<Tuple2<String, Integer>> operations) {
        SubscriptionIndex<Integer> index = new SubscriptionIndex<>();
        List<Tuple2<String, Integer>> model = new ArrayList<>();
        for (Tuple2<String, Integer> op : operations) {
            Pattern pattern = Pattern.parse(op.get1());
            if (op.get2() >= 0) {
                index.add(pattern, op.get2());
                if (!model.contains(op)) {
                    model.add(op);
                }
            } else {
                Tuple2<String, Integer> pair = Tuple.of(op.get1(), -1 - op.get2());
                assertThat(index.remove(pattern, pair.get2())).isEqualTo(model.remove(pair));
            }
            assertThat(index.size()).isEqualTo(model.size());
            assertThat(index.nodeCount()).as("nodes kept, so empty ones were pruned").isEqualTo(trieNodesFor(model));
        }
        for (String topic : allTopicsUpTo(4)) {
            Set<Integer> expected = new HashSet<>();
            for (Tuple2<String, Integer> pair : model) {
                if (naiveMatches(pair.get1(), topic)) {
                    expected.add(pair.get2());
                }
            }
            assertThat(index.match(topic)).as(topic).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** A trie holding exactly these patterns has one node per distinct prefix, plus the root. */
    private static int trieNodesFor(List<Tuple2<String, Integer>> pairs) {
        Set<List<String>> prefixes = new LinkedHashSet<>();
        for (Tuple2<String, Integer> pair : pairs) {
            List<String> segments = Arrays.asList(pair.get1().split("\\."));
            for (int i = 1; i <= segments.size(); i++) {
                prefixes.add(segments.subList(0, i));
            }
        }
        return prefixes.size() + 1;
    }

    private static List<String> allTopicsUpTo(int segments) {
        List<String> topics = new ArrayList<>();
        List<String> level = List.of("a", "b", "c");
        for (int n = 1; n <= segments; n++) {
            topics.addAll(level);
            List<String> longer = new ArrayList<>();
            for (String t : level) {
                for (String s : new String[] {"a", "b", "c"}) {
                    longer.add(t + "." + s);
                }
            }
            level = longer;
        }
        return topics;
    }
}
