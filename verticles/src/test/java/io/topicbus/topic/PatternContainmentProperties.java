package io.topicbus.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * {@link Pattern#isContainedIn} against brute force: inner ⊆ outer iff no topic up to a sufficient
 * length, over the literals of both patterns plus one fresh literal, is matched by inner and not by
 * outer.
 *
 * <p>Why {@link #sufficientLength} suffices: take a counterexample and replace every segment that a
 * wildcard of inner matched by the fresh literal {@code z}; inner still matches, and outer still does
 * not, since only outer's wildcards match {@code z} and they match anything. Now look at a maximal run
 * of {@code z}: after reading z<sup>m</sup>, outer's state set no longer depends on m once m exceeds
 * the number of {@code *} in outer (a path that covers more {@code z} than it has {@code *} must pass
 * a {@code #}, which takes any surplus). So while a run is longer than |outer| + 1 and one of its
 * {@code z} came from a {@code #} of inner, dropping that {@code z} keeps inner matching and outer
 * failing. A counterexample therefore exists whose runs are at most |outer| + 1 longer than the
 * {@code *} they contain, i.e. of at most |inner| + (stretches of wildcards with a {@code #} in
 * inner) x (|outer| + 1) segments.
 */
class PatternContainmentProperties {

    private static final String FRESH = "z";

    @Provide
    Arbitrary<String> smallPatterns() {
        Arbitrary<String> segment = Arbitraries.frequency(Tuple.of(3, "a"), Tuple.of(2, "b"), Tuple.of(2, "*"), Tuple.of(3, "#"));
        return segment.list().ofMinSize(1).ofMaxSize(3).map(s -> String.join(".", s));
    }

    /** Pairs where outer is often a widening of inner, so that both answers come up often. */
    @Provide
    Arbitrary<Tuple2<String, String>> innerAndOuter() {
        return smallPatterns().flatMap(inner -> Arbitraries.frequencyOf(
                        Tuple.of(2, smallPatterns()),
                        Tuple.of(1, widened(inner)),
                        Tuple.of(1, widened(inner).flatMap(PatternContainmentProperties::widened)))
                .map(outer -> Tuple.of(inner, outer)));
    }

    /** One edit that can only add topics: a segment becomes {@code *} or {@code #}, or a {@code #} is inserted. */
    private static Arbitrary<String> widened(String pattern) {
        List<String> segments = Arrays.asList(pattern.split("\\."));
        return Combinators.combine(Arbitraries.integers().between(0, segments.size()), Arbitraries.of("*", "#", "insert"))
                .as((at, edit) -> {
                    List<String> result = new ArrayList<>(segments);
                    if (edit.equals("insert")) {
                        result.add(at, "#");
                    } else if (at < result.size() && !(edit.equals("*") && result.get(at).equals("#"))) {
                        result.set(at, edit);
                    }
                    return String.join(".", result);
                });
    }

    @Property(tries = 1000)
    void containmentAgreesWithBruteForce(@ForAll("innerAndOuter") Tuple2<String, String> pair) {
        Pattern inner = Pattern.parse(pair.get1());
        Pattern outer = Pattern.parse(pair.get2());
        String counterexample = bruteForceCounterexample(inner, outer);
        Statistics.label("answer").collect(counterexample == null ? "contained" : "not contained");
        assertThat(inner.isContainedIn(outer))
                .as("%s in %s; brute force counterexample: %s", inner, outer, counterexample)
                .isEqualTo(counterexample == null);
        Statistics.label("answer").coverage(coverage -> {
            coverage.check("contained").percentage(p -> p > 15);
            coverage.check("not contained").percentage(p -> p > 15);
        });
    }

    @Provide
    Arbitrary<String> patterns() {
        Arbitrary<String> segment = Arbitraries.frequency(
                Tuple.of(3, "a"), Tuple.of(2, "b"), Tuple.of(1, "c"), Tuple.of(2, "*"), Tuple.of(4, "#"));
        return segment.list().ofMinSize(1).ofMaxSize(7).map(s -> String.join(".", s));
    }

    @Provide
    Arbitrary<List<String>> topicSamples() {
        return Arbitraries.of("a", "b", "c", "d").list().ofMinSize(1).ofMaxSize(12)
                .map(s -> String.join(".", s)).list().ofSize(30);
    }

    @Property(tries = 500)
    void containedPatternsNeverMatchATopicTheOuterMisses(
            @ForAll("patterns") String innerText, @ForAll("patterns") String outerText,
            @ForAll("topicSamples") List<String> topics) {
        Pattern inner = Pattern.parse(innerText);
        Pattern outer = Pattern.parse(outerText);
        if (inner.isContainedIn(outer)) {
            for (String topic : topics) {
                if (SubscriptionIndexProperties.naiveMatches(innerText, topic)) {
                    assertThat(SubscriptionIndexProperties.naiveMatches(outerText, topic)).as(topic).isTrue();
                }
            }
        }
    }

    @Property(tries = 300)
    void containmentIsTransitive(@ForAll("patterns") String a, @ForAll("patterns") String b, @ForAll("patterns") String c) {
        Pattern pa = Pattern.parse(a);
        Pattern pb = Pattern.parse(b);
        Pattern pc = Pattern.parse(c);
        if (pa.isContainedIn(pb) && pb.isContainedIn(pc)) {
            assertThat(pa.isContainedIn(pc)).isTrue();
        }
    }

    /** A topic matched by inner and not by outer, or null when there is none up to {@link #sufficientLength}. */
    private static String bruteForceCounterexample(Pattern inner, Pattern outer) {
        Set<String> alphabet = new LinkedHashSet<>();
        for (Pattern p : List.of(inner, outer)) {
            for (String segment : p.text().split("\\.")) {
                if (!segment.equals("*") && !segment.equals("#")) {
                    alphabet.add(segment);
                }
            }
        }
        alphabet.add(FRESH);
        String[] symbols = alphabet.toArray(new String[0]);
        int maxLength = sufficientLength(inner, outer);
        for (int length = 1; length <= maxLength; length++) {
            String found = search(inner, outer, symbols, new String[length], 0);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String search(Pattern inner, Pattern outer, String[] symbols, String[] topic, int filled) {
        if (filled == topic.length) {
            return inner.matches(topic) && !outer.matches(topic) ? String.join(".", topic) : null;
        }
        for (String symbol : symbols) {
            topic[filled] = symbol;
            String found = search(inner, outer, symbols, topic, filled + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** |inner| + (stretches of wildcards in inner that hold a '#') x (|outer| + 1); see the class comment. */
    static int sufficientLength(Pattern inner, Pattern outer) {
        String[] segments = inner.text().split("\\.");
        int outerLength = outer.text().split("\\.").length;
        int stretchesWithHash = 0;
        boolean inStretch = false;
        boolean stretchHasHash = false;
        for (String segment : segments) {
            boolean wildcard = segment.equals("*") || segment.equals("#");
            if (wildcard) {
                inStretch = true;
                stretchHasHash |= segment.equals("#");
            }
            if (!wildcard && inStretch) {
                stretchesWithHash += stretchHasHash ? 1 : 0;
                inStretch = false;
                stretchHasHash = false;
            }
        }
        if (stretchHasHash) {
            stretchesWithHash++;
        }
        return segments.length + stretchesWithHash * (outerLength + 1);
    }
}
