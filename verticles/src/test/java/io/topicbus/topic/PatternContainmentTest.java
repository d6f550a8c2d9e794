package io.topicbus.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternContainmentTest {

    private static boolean contained(String inner, String outer) {
        return Pattern.parse(inner).isContainedIn(Pattern.parse(outer));
    }

    @ParameterizedTest(name = "{0} is contained in {1}")
    @CsvSource({
        "orders.eu.*, orders.#",
        "orders.eu.created, orders.#",
        "orders, orders.#",
        "a.*.c, a.#",
        "*.#, #",
        "#.#, #",
        "#, #.#",
        "a.b, a.*",
        "a.b, a.b",
        "a.#, a.#",
        "a.*.#, a.#",
        "a.#.*, a.*.#",
        "a.*.#, a.#.*",
        "*.*, #.*",
        "a.#.b, a.#",
        "a.#.b, #.b",
        "a.#.b.#.c, a.#.c",
        "a.b.c, #.b.#",
        "#.a.#.a.#, #.a.#",
        "*.#.*, *.*.#",
        "a.b, #.#.#",
        "a, #.*.#",
        "#, *.#",
        "#.#, #.*",
        "#, #.*.#"
    })
    void containedWhenEveryTopicOfTheInnerIsMatchedByTheOuter(String inner, String outer) {
        assertThat(contained(inner, outer)).isTrue();
    }

    @ParameterizedTest(name = "{0} is not contained in {1}")
    @CsvSource({
        "#, orders.#",
        "a.#, a.*.#",
        "a.*, a.b",
        "a.#, a.*",
        "*, a",
        "#, *",
        "*.#, *.*.#",
        "a.#, #.b",
        "orders.#, orders.eu.#",
        "a.*.c, a.b.#",
        "#.a.#, #.a.#.a.#",
        "Orders.#, orders.#",
        "a.b, a.c",
        "a.b.c, a.b"
    })
    void notContainedWhenSomeTopicEscapesTheOuter(String inner, String outer) {
        assertThat(contained(inner, outer)).isFalse();
    }

    @Test
    void topicsAreNeverEmptySoHashIsContainedInStarHash() {
        // Over all segment sequences '#' also matches the empty one, which no topic is.
        assertThat(contained("#", "*.#")).isTrue();
        assertThat(contained("#.#.#", "#.*")).isTrue();
        assertThat(contained("#", "*.*.#")).isFalse();
    }

    @Test
    void everyPatternIsContainedInHash() {
        for (String p : new String[] {"a", "*", "#", "a.*.#.b", "#.#.#"}) {
            assertThat(contained(p, "#")).as(p).isTrue();
        }
    }

    @Test
    void freshSegmentsStandForNamesNeitherPatternMentions() {
        // a.* also matches a.c, which a.b.#-style outers miss; the check must find such topics.
        assertThat(contained("a.*", "a.b")).isFalse();
        assertThat(contained("*.*", "*.b")).isFalse();
        assertThat(contained("*.b", "*.*")).isTrue();
    }

    @Test
    void longWildcardPatternsAreDecided() {
        String hashes = String.join(".", Collections.nCopies(15, "#"));
        assertThat(contained(hashes + ".z", "#.z")).isTrue();
        assertThat(contained("#.z", hashes + ".z")).isTrue();
        assertThat(contained(hashes + ".z", "#.*.z")).isFalse();
        String stars = String.join(".", Collections.nCopies(30, "*"));
        assertThat(contained(stars + ".#", "#.*")).isTrue();
        assertThat(contained(stars + ".#", stars + ".*.#")).isFalse();
    }
}
