package io.topicbus.topic;

/**
 * The rules for topic names (SPEC section 2): dot-separated segments of 1..64 chars of
 * {@code [A-Za-z0-9_-]}, at most 32 segments and 255 chars in all, case-sensitive.
 *
 * <p>This is the one validation routine for names: {@link Pattern} runs the same check with
 * wildcard segments allowed, so topics and patterns can never disagree on the limits. Every
 * valid name is pure ASCII, so its length in chars is also its length in bytes.
 */
public final class TopicName {

    static final int MAX_CHARS = 255;
    static final int MAX_SEGMENTS = 32;
    static final int MAX_SEGMENT_CHARS = 64;

    static final String STAR = "*";
    static final String HASH = "#";

    private TopicName() {
    }

    /** Null when {@code topic} is a valid topic name, else a short message saying what is wrong. */
    public static String problem(String topic) {
        return problem(topic, false);
    }

    public static boolean isValid(String topic) {
        return problem(topic) == null;
    }

    /** True when the first segment is {@code dlq} or {@code inventory}: only TopicBus and server-side verticles publish there. */
    public static boolean isSystem(String topic) {
        if (topic == null) {
            return false;
        }
        return isFirstSegment(topic, "dlq") || isFirstSegment(topic, "inventory");
    }

    /** 1..64 chars of {@code [A-Za-z0-9_-]}; also the rule for group names and subscription ids. */
    public static boolean isValidSegment(String s) {
        return s != null && !s.isEmpty() && s.length() <= MAX_SEGMENT_CHARS && hasOnlySegmentChars(s);
    }

    /** The segments of a name that has passed validation (no empty segments, so nothing is dropped). */
    public static String[] segments(String validTopic) {
        int count = 1;
        for (int i = 0; i < validTopic.length(); i++) {
            if (validTopic.charAt(i) == '.') {
                count++;
            }
        }
        String[] segments = new String[count];
        int start = 0;
        for (int k = 0; k < count - 1; k++) {
            int dot = validTopic.indexOf('.', start);
            segments[k] = validTopic.substring(start, dot);
            start = dot + 1;
        }
        segments[count - 1] = validTopic.substring(start);
        return segments;
    }

    /**
     * The shared check for topics ({@code wildcards == false}) and patterns ({@code true}).
     * Limits come first so that the work done on hostile input is bounded by 255 chars.
     */
    static String problem(String name, boolean wildcards) {
        if (name == null) {
            return "missing";
        }
        if (name.isEmpty()) {
            return "empty";
        }
        if (name.length() > MAX_CHARS) {
            return "too long (" + name.length() + " chars, max " + MAX_CHARS + ")";
        }
        int segments = 1;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                segments++;
            }
        }
        if (segments > MAX_SEGMENTS) {
            return "too many segments (" + segments + ", max " + MAX_SEGMENTS + ")";
        }
        int start = 0;
        for (int number = 1; number <= segments; number++) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            String problem = segmentProblem(name.substring(start, end), number, wildcards);
            if (problem != null) {
                return problem;
            }
            start = end + 1;
        }
        return null;
    }

    private static String segmentProblem(String segment, int number, boolean wildcards) {
        if (segment.isEmpty()) {
            return "segment " + number + " is empty";
        }
        if (segment.length() > MAX_SEGMENT_CHARS) {
            return "segment " + number + " is too long (" + segment.length() + " chars, max " + MAX_SEGMENT_CHARS + ")";
        }
        if (segment.equals(STAR) || segment.equals(HASH)) {
            return wildcards ? null : "segment " + number + " is the wildcard '" + segment + "', which only patterns may use";
        }
        if (!hasOnlySegmentChars(segment)) {
            return "segment '" + segment + "' has invalid characters";
        }
        return null;
    }

    private static boolean hasOnlySegmentChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFirstSegment(String topic, String segment) {
        return topic.startsWith(segment)
                && (topic.length() == segment.length() || topic.charAt(segment.length()) == '.');
    }
}
