package io.topicbus.topic;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decides pattern containment: whether every topic that {@code inner} matches is also matched by
 * {@code outer}. The bridge uses it for {@code bridge.subscribeAllow} (SPEC section 5).
 *
 * <p>Why it is exact: a topic segment that is a literal of neither pattern can only be matched by
 * wildcards, so all such segments behave alike and one fresh symbol stands for them. Over the finite
 * alphabet {literals of both} + {fresh}, inner ⊆ outer iff no non-empty word reaches an accepting state of
 * inner's NFA together with a non-accepting state set of outer's NFA, which a search of the product
 * of inner's NFA with outer's subset construction decides. The lower topic limit is part of the
 * question (a topic has at least one segment, so {@code #} is contained in {@code *.#}); the upper
 * limits (32 segments, 255 chars) are not: a yes holds for every topic all the more, and a no could in
 * principle rest only on a topic longer than allowed, which errs on the side of refusing.
 *
 * <p>Cost: the product has about (inner positions + 1) x (reachable state sets of outer) pairs,
 * searched until the first counterexample. The state sets stay few for the patterns people write; a
 * {@code #} followed by a literal and many {@code *} in {@code outer} is the textbook case where
 * they grow exponentially. {@code outer} comes from the allow list in the config, not from clients.
 */
final class PatternContainment {

    /** Stands for every segment that is a literal of neither pattern; never equal to a valid segment. */
    private static final String FRESH = "";

    private PatternContainment() {
    }

    static boolean isContained(Pattern inner, Pattern outer) {
        if (inner.equals(outer) || matchesEverything(outer)) {
            return true;
        }
        if (inner.isLiteral()) {
            return outer.matches(TopicName.segments(inner.text()));
        }
        return new Search(inner, outer).findsNoCounterexample();
    }

    private static boolean matchesEverything(Pattern pattern) {
        for (int i = 0; i < pattern.segmentCount(); i++) {
            if (!pattern.isHash(i)) {
                return false;
            }
        }
        return true;
    }

    /** One search of the product automaton over (inner position, outer state set, whether a segment was read). */
    private static final class Search {
        private final Pattern inner;
        private final Pattern outer;
        private final String[] alphabet;
        private final Set<Long> seen = new HashSet<>();
        private final ArrayDeque<long[]> queue = new ArrayDeque<>();

        Search(Pattern inner, Pattern outer) {
            this.inner = inner;
            this.outer = outer;
            this.alphabet = alphabetOf(inner, outer);
        }

        boolean findsNoCounterexample() {
            visit(0, outer.start(), false);
            while (!queue.isEmpty()) {
                long[] pair = queue.poll();
                int position = (int) pair[0];
                long outerStates = pair[1];
                boolean consumed = pair[2] != 0;
                if (position == inner.segmentCount()) {
                    if (consumed && !outer.accepts(outerStates)) {
                        return false; // a topic that inner matches and outer does not
                    }
                    continue;
                }
                if (inner.isHash(position)) {
                    visit(position + 1, outerStates, consumed); // '#' matching zero segments
                    for (String symbol : alphabet) {
                        visit(position, outer.step(outerStates, symbol), true);
                    }
                } else if (inner.isStar(position)) {
                    for (String symbol : alphabet) {
                        visit(position + 1, outer.step(outerStates, symbol), true);
                    }
                } else {
                    visit(position + 1, outer.step(outerStates, inner.literal(position)), true);
                }
            }
            return true;
        }

        /**
         * {@code consumed} tells whether the word so far has a segment: a topic always has one, so
         * the empty word is no counterexample ({@code #} is contained in {@code *.#}).
         */
        private void visit(int position, long outerStates, boolean consumed) {
            // outer has at most 32 segments, so its state sets use 33 bits; 7 more hold the rest.
            if (seen.add(outerStates << 7 | (consumed ? 1L << 6 : 0) | position)) {
                queue.add(new long[] {position, outerStates, consumed ? 1 : 0});
            }
        }

        private static String[] alphabetOf(Pattern a, Pattern b) {
            Set<String> symbols = new LinkedHashSet<>();
            for (Pattern p : new Pattern[] {a, b}) {
                for (int i = 0; i < p.segmentCount(); i++) {
                    if (p.literal(i) != null) {
                        symbols.add(p.literal(i));
                    }
                }
            }
            symbols.add(FRESH);
            return symbols.toArray(new String[0]);
        }
    }
}
