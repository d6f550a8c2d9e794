package io.topicbus.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNameTest {

    private static String repeat(String s, int times) {
        return String.join("", Collections.nCopies(times, s));
    }

    /** {@code count} segments of one char each, joined by dots. */
    private static String segments(int count) {
        return String.join(".", Collections.nCopies(count, "a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "orders.eu.created", "a", "A.b.C", "0", "a-b_c.D-9", "_", "-", "--.__", "dlq.sub-1"})
    void acceptsDotSeparatedSegmentsOfTheAllowedCharacters(String topic) {
        assertThat(TopicName.problem(topic)).isNull();
        assertThat(TopicName.isValid(topic)).isTrue();
    }

    @Test
    void nullIsInvalidAndDoesNotThrow() {
        assertThat(TopicName.problem(null)).isEqualTo("missing");
        assertThat(TopicName.isValid(null)).isFalse();
    }

    @Test
    void emptyIsInvalid() {
        assertThat(TopicName.problem("")).isEqualTo("empty");
    }

    @Test
    void emptySegmentsAreNamedByTheirPosition() {
        assertThat(TopicName.problem(".a")).isEqualTo("segment 1 is empty");
        assertThat(TopicName.problem("a.")).isEqualTo("segment 2 is empty");
        assertThat(TopicName.problem("a..b")).isEqualTo("segment 2 is empty");
        assertThat(TopicName.problem(".")).isEqualTo("segment 1 is empty");
        assertThat(TopicName.problem("a.b.")).isEqualTo("segment 3 is empty");
    }

    @Test
    void twoHundredFiftyFiveCharsIsTheLongestTopic() {
        String longest = repeat("a", 64) + "." + repeat("b", 64) + "." + repeat("c", 64) + "." + repeat("d", 60);
        assertThat(longest).hasSize(255);
        assertThat(TopicName.problem(longest)).isNull();
        assertThat(TopicName.problem(longest + "d")).isEqualTo("too long (256 chars, max 255)");
    }

    @Test
    void tooLongNamesTheLength() {
        assertThat(TopicName.problem(repeat("a", 300))).isEqualTo("too long (300 chars, max 255)");
    }

    @Test
    void sixtyFourCharsIsTheLongestSegment() {
        assertThat(TopicName.problem(repeat("x", 64))).isNull();
        assertThat(TopicName.problem("a." + repeat("x", 65))).isEqualTo("segment 2 is too long (65 chars, max 64)");
    }

    @Test
    void thirtyTwoSegmentsIsTheMost() {
        assertThat(TopicName.problem(segments(32))).isNull();
        assertThat(TopicName.problem(segments(33))).isEqualTo("too many segments (33, max 32)");
    }

    @Test
    void wildcardsAreNeverPartOfATopic() {
        assertThat(TopicName.problem("a.*")).isEqualTo("segment 2 is the wildcard '*', which only patterns may use");
        assertThat(TopicName.problem("#")).isEqualTo("segment 1 is the wildcard '#', which only patterns may use");
        assertThat(TopicName.problem("a*")).isEqualTo("segment 'a*' has invalid characters");
        assertThat(TopicName.problem("a.b#")).isEqualTo("segment 'b#' has invalid characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "a:b", "a+b", "a>b", "caf\u00e9", "\u0430\u0431\u0432", "a\u0000", "a\tb", "a,b", "$", "a\u00a0"})
    void onlyAsciiLettersDigitsUnderscoreAndHyphenAreSegmentCharacters(String segment) {
        assertThat(TopicName.problem("x." + segment)).isEqualTo("segment '" + segment + "' has invalid characters");
    }

    @Test
    void surrogatePairsAreInvalidCharacters() {
        assertThat(TopicName.problem("emoji.\ud83d\ude00")).isEqualTo("segment '\ud83d\ude00' has invalid characters");
    }

    @Test
    void limitsAreCheckedBeforeCharacters() {
        assertThat(TopicName.problem(repeat("\u00e9", 256))).startsWith("too long");
    }

    @Test
    void namesAreCaseSensitiveButBothCasesAreValid() {
        assertThat(TopicName.isValid("Orders")).isTrue();
        assertThat(TopicName.isValid("orders")).isTrue();
        assertThat(Pattern.parse("orders").matches("Orders")).isFalse();
    }

    @Test
    void systemTopicsStartWithDlqOrInventory() {
        assertThat(TopicName.isSystem("dlq")).isTrue();
        assertThat(TopicName.isSystem("dlq.sub-1")).isTrue();
        assertThat(TopicName.isSystem("inventory")).isTrue();
        assertThat(TopicName.isSystem("inventory.low-stock")).isTrue();
    }

    @Test
    void onlyTheWholeFirstSegmentMakesASystemTopic() {
        assertThat(TopicName.isSystem("dlqx")).isFalse();
        assertThat(TopicName.isSystem("dlq-x.a")).isFalse();
        assertThat(TopicName.isSystem("inventoryx")).isFalse();
        assertThat(TopicName.isSystem("orders.dlq")).isFalse();
        assertThat(TopicName.isSystem("DLQ.a")).isFalse();
        assertThat(TopicName.isSystem("Inventory")).isFalse();
        assertThat(TopicName.isSystem(null)).isFalse();
        assertThat(TopicName.isSystem("")).isFalse();
    }

    @Test
    void segmentRuleIsOneToSixtyFourAllowedCharacters() {
        assertThat(TopicName.isValidSegment("group-1_A")).isTrue();
        assertThat(TopicName.isValidSegment(repeat("g", 64))).isTrue();
        assertThat(TopicName.isValidSegment(repeat("g", 65))).isFalse();
        assertThat(TopicName.isValidSegment("")).isFalse();
        assertThat(TopicName.isValidSegment(null)).isFalse();
        assertThat(TopicName.isValidSegment("a.b")).isFalse();
        assertThat(TopicName.isValidSegment("*")).isFalse();
        assertThat(TopicName.isValidSegment("#")).isFalse();
        assertThat(TopicName.isValidSegment("\u00e9")).isFalse();
    }

    @Test
    void segmentsSplitsAtEveryDot() {
        assertThat(TopicName.segments("orders.eu.created")).containsExactly("orders", "eu", "created");
        assertThat(TopicName.segments("single")).containsExactly("single");
        assertThat(TopicName.segments(segments(32))).hasSize(32);
    }
}
