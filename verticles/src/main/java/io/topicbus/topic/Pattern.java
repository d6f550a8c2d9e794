package io.topicbus.topic;

/**
 * A subscription pattern (SPEC section 2): a topic name whose segments may also be {@code *}
 * (exactly one segment) or {@code #} (zero or more segments, anywhere, any number of times).
 *
 * <p>Immutable; equal when the texts are equal ({@code #.#} and {@code #} match the same topics
 * but are different patterns). Matching runs the pattern as an NFA whose states are the
 * positions 0..n between its segments, held as bits of a {@code long} (n is at most 32): each
 * topic segment advances the whole state set at once, so no input makes it backtrack and a
 * match costs O(topic segments x pattern segments) with no allocation.
 */
public final class Pattern {

    private final String text;
    /** Literal text per position, null where the segment is a wildcard. */
    private final String[] literals;
    private final long hashes;
    private final long stars;
    private final long accept;

    private Pattern(String text) {
        this.text = text;
        String[] segments = TopicName.segments(text);
        this.literals = new String[segments.length];
        long h = 0;
        long s = 0;
        for (int i = 0; i < segments.length; i++) {
            switch (segments[i]) {
                case TopicName.HASH -> h |= 1L << i;
                case TopicName.STAR -> s |= 1L << i;
                default -> literals[i] = segments[i];
            }
        }
        this.hashes = h;
        this.stars = s;
        this.accept = 1L << segments.length;
    }

    /** The pattern for {@code text}; an {@link IllegalArgumentException} with {@link #problem}'s message when invalid. */
    public static Pattern parse(String text) {
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new Pattern(text);
    }

    /** Null when {@code text} is a valid pattern, else a short message (the same wording as {@link TopicName#problem}). */
    public static String problem(String text) {
        return TopicName.problem(text, true);
    }

    public String text() {
        return text;
    }

    /** Whether the pattern matches {@code topic}; an invalid topic name is never matched. */
    public boolean matches(String topic) {
        return TopicName.isValid(topic) && matches(TopicName.segments(topic));
    }

    /** Whether the pattern matches the segments of a valid topic. */
    public boolean matches(String[] topicSegments) {
        long states = start();
        for (int i = 0; i < topicSegments.length && states != 0; i++) {
            states = step(states, topicSegments[i]);
        }
        return accepts(states);
    }

    /** True iff every topic this pattern can match is matched by {@code other} (see {@link PatternContainment}). */
    public boolean isContainedIn(Pattern other) {
        return PatternContainment.isContained(this, other);
    }

    /** True when no segment is a wildcard: the pattern matches exactly the topic of the same text. */
    public boolean isLiteral() {
        return hashes == 0 && stars == 0;
    }

    // The NFA, also used by PatternContainment: a state set is a bit set of positions, always
    // closed under the epsilon move from a '#' position to the next one ('#' matching zero segments).

    int segmentCount() {
        return literals.length;
    }

    boolean isHash(int position) {
        return (hashes >>> position & 1) != 0;
    }

    boolean isStar(int position) {
        return (stars >>> position & 1) != 0;
    }

    /** The literal at {@code position}, or null for a wildcard. */
    String literal(int position) {
        return literals[position];
    }

    long start() {
        return closure(1L);
    }

    /** The states after consuming {@code segment} from {@code states}; 0 means no match is possible any more. */
    long step(long states, String segment) {
        long next = 0;
        for (long pending = states & (accept - 1); pending != 0; pending &= pending - 1) {
            int i = Long.numberOfTrailingZeros(pending);
            long bit = 1L << i;
            if ((hashes & bit) != 0) {
                next |= bit;
            } else if ((stars & bit) != 0 || literals[i].equals(segment)) {
                next |= bit << 1;
            }
        }
        return closure(next);
    }

    boolean accepts(long states) {
        return (states & accept) != 0;
    }

    private long closure(long states) {
        // A run of k '#' needs k rounds; each round moves every '#' state one position on.
        long closed = states;
        while (true) {
            long grown = closed | (closed & hashes) << 1;
            if (grown == closed) {
                return closed;
            }
            closed = grown;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pattern other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
