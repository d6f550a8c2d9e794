package io.topicbus.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatternTest {

    private static boolean matches(String pattern, String topic) {
        return Pattern.parse(pattern).matches(topic);
    }

    private static String joined(String segment, int count) {
        return String.join(".", Collections.nCopies(count, segment));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "*", "a.#", "#.created", "a.#.z", "#.#", "*.*", "orders.eu.*", "a.*.#.*.b", "orders.eu.created"})
    void acceptsWildcardsAsWholeSegmentsAnywhere(String text) {
        assertThat(Pattern.problem(text)).isNull();
        assertThat(Pattern.parse(text).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a*", "a.b#", "*a", "#a", "**", "##", "*#", "a.b*c"})
    void refusesWildcardsInsideASegment(String text) {
        assertThat(Pattern.problem(text)).endsWith("has invalid characters");
    }

    @Test
    void problemsUseTheTopicWording() {
        assertThat(Pattern.problem(null)).isEqualTo("missing");
        assertThat(Pattern.problem("")).isEqualTo("empty");
        assertThat(Pattern.problem("a..#")).isEqualTo("segment 2 is empty");
        assertThat(Pattern.problem("#.")).isEqualTo("segment 2 is empty");
        assertThat(Pattern.problem(".*")).isEqualTo("segment 1 is empty");
        assertThat(Pattern.problem("a.b#")).isEqualTo("segment 'b#' has invalid characters");
    }

    @Test
    void parseThrowsWithTheProblemAsMessage() {
        assertThatThrownBy(() -> Pattern.parse("a..b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("segment 2 is empty");
        assertThatThrownBy(() -> Pattern.parse(null)).isInstanceOf(IllegalArgumentException.class).hasMessage("missing");
    }

    @Test
    void patternsObeyTheTopicLimits() {
        assertThat(Pattern.problem(joined("#", 32))).isNull();
        assertThat(Pattern.problem(joined("#", 33))).isEqualTo("too many segments (33, max 32)");
        assertThat(Pattern.problem("*." + "x".repeat(65))).isEqualTo("segment 2 is too long (65 chars, max 64)");
        assertThat(Pattern.problem("#." + "x".repeat(64) + "." + "y".repeat(64) + "." + "z".repeat(64) + "." + "w".repeat(60)))
                .isEqualTo("too long (257 chars, max 255)");
    }

    @Test
    void hashMatchesZeroSegments() {
        assertThat(matches("a.#", "a")).isTrue();
        assertThat(matches("#.a", "a")).isTrue();
        assertThat(matches("a.#.b", "a.b")).isTrue();
        assertThat(matches("a.#.#.b", "a.b")).isTrue();
    }

    @Test
    void hashMatchesManySegments() {
        assertThat(matches("a.#", "a.b.c.d")).isTrue();
        assertThat(matches("#.z", "a.b.c.z")).isTrue();
        assertThat(matches("a.#.z", "a.b.c.z")).isTrue();
        assertThat(matches("a.#.z", "a.b.c.y")).isFalse();
        assertThat(matches("a.#", "b.a")).isFalse();
    }

    @Test
    void hashAloneMatchesEveryTopic() {
        assertThat(matches("#", "a")).isTrue();
        assertThat(matches("#", "dlq.sub-1")).isTrue();
        assertThat(matches("#", joined("x", 32))).isTrue();
        assertThat(matches("#.#", "a")).isTrue();
        assertThat(matches("#.#.#", "a.b.c.d")).isTrue();
    }

    @Test
    void starMatchesExactlyOneSegment() {
        assertThat(matches("a.*", "a.b")).isTrue();
        assertThat(matches("a.*", "a")).isFalse();
        assertThat(matches("a.*", "a.b.c")).isFalse();
        assertThat(matches("*", "a")).isTrue();
        assertThat(matches("*", "a.b")).isFalse();
        assertThat(matches("*.*", "a.b")).isTrue();
        assertThat(matches("a.*.c", "a.b.c")).isTrue();
        assertThat(matches("a.*.c", "a.c")).isFalse();
    }

    @Test
    void starAndHashCombine() {
        assertThat(matches("*.#", "a")).isTrue();
        assertThat(matches("#.*", "a")).isTrue();
        assertThat(matches("#.*.#", "a.b.c")).isTrue();
        assertThat(matches("*.#.*", "a")).isFalse();
        assertThat(matches("*.#.*", "a.b")).isTrue();
        assertThat(matches("#.b.#", "a.b.c")).isTrue();
        assertThat(matches("#.b.#", "a.c")).isFalse();
        assertThat(matches("#.b.*", "a.b.b")).isTrue();
        assertThat(matches("#.b.*.b", "b.b.b.b.c.b")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "orders.eu.created, orders.eu.created, true",
        "orders.eu.created, orders.eu.Created, false",
        "orders.eu.created, orders.eu, false",
        "orders.eu, orders.eu.created, false",
        "Orders.#, orders.eu, false"
    })
    void literalsMatchExactlyAndCaseSensitively(String pattern, String topic, boolean expected) {
        assertThat(matches(pattern, topic)).isEqualTo(expected);
    }

    @Test
    void invalidTopicsAreNeverMatched() {
        assertThat(matches("#", "a..b")).isFalse();
        assertThat(matches("#", "")).isFalse();
        assertThat(matches("#", null)).isFalse();
        assertThat(matches("*", "*")).isFalse();
        assertThat(matches("#", "#")).isFalse();
    }

    @Test
    void matchesSegmentsDirectly() {
        assertThat(Pattern.parse("a.*.c").matches(new String[] {"a", "b", "c"})).isTrue();
        assertThat(Pattern.parse("a.*.c").matches(new String[] {"a", "b"})).isFalse();
    }

    @Test
    void fifteenHashesAndALiteralAgainstThirtyTwoSegmentsAnswersFast() {
        Pattern many = Pattern.parse(joined("#", 15) + ".z");
        String[] miss = joined("a", 32).split("\\.");
        String[] hit = (joined("a", 31) + ".z").split("\\.");
        long start = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            assertThat(many.matches(miss)).isFalse();
            assertThat(many.matches(hit)).isTrue();
        }
        // A guard against exponential backtracking (which would take hours), not a benchmark.
        assertThat(System.nanoTime() - start).isLessThan(500_000_000L);
    }

    @Test
    void isLiteralWhenNoSegmentIsAWildcard() {
        assertThat(Pattern.parse("orders.eu.created").isLiteral()).isTrue();
        assertThat(Pattern.parse("orders.*").isLiteral()).isFalse();
        assertThat(Pattern.parse("#").isLiteral()).isFalse();
        assertThat(Pattern.parse("orders-star").isLiteral()).isTrue();
    }

    @Test
    void equalityIsByText() {
        assertThat(Pattern.parse("a.#")).isEqualTo(Pattern.parse("a.#")).hasSameHashCodeAs(Pattern.parse("a.#"));
        assertThat(Pattern.parse("#.#")).isNotEqualTo(Pattern.parse("#"));
        assertThat(Pattern.parse("a.*")).isNotEqualTo(Pattern.parse("A.*"));
        assertThat(Pattern.parse("a.#").toString()).isEqualTo("a.#");
    }
}
