package io.topicbus.filter;

import static io.topicbus.filter.Check.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code + - * /}: exact decimals, no overflow, UNKNOWN for division by zero and non-numbers. */
class ArithmeticTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.1 + 0.2 = 0.3",
        "123 / 2 = 61.5",
        "1 / 4 = 0.25",
        "1 / 3 = 0.3333333333333333333333333333333333",
        "2 / 3 = 0.6666666666666666666666666666666667",
        "-2 / 3 = -0.6666666666666666666666666666666667",
        "1 / 1024 = 0.0009765625",
        "10 / 4 * 2 = 5",
        "1.10 * 3 = 3.3",
        "9223372036854775807 + 1 = 9223372036854775808",
        "99999999999999999999 * 99999999999999999999 = 9999999999999999999800000000000000000001",
        "0 - 0.5 = -.5"
      })
  void arithmeticIsExactDecimal(String filter) {
    assertThat(eval(filter, null)).isEqualTo(Tri.TRUE);
  }

  @Test
  void payloadNumbersTakePartExactly() {
    assertThat(eval("payload + 1 > payload", Long.MAX_VALUE)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload * 3 = 59.97", 19.99)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload / 2 = 61.5", 123)).isEqualTo(Tri.TRUE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1 + 2 * 3 = 7",
        "(1 + 2) * 3 = 9",
        "10 - 4 - 3 = 3",
        "100 / 10 / 5 = 2",
        "2 * 3 + 4 * 5 = 26",
        "-2 * -3 = 6",
        "- 2 + 5 = 3",
        "-(2 + 5) = -7",
        "1 - -1 = 2",
        "2 * 3 > 5 AND 5 > 2 * 2"
      })
  void unaryBindsTighterThanMultiplicationWhichBindsTighterThanAddition(String filter) {
    assertThat(eval(filter, null)).isEqualTo(Tri.TRUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"payload / 0 = 1", "1 / 0.0 = 1", "1 / (payload - 5) = 1", "0 / 0 = 0"})
  void divisionByZeroIsUnknown(String filter) {
    assertThat(eval(filter, 5)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("NOT (" + filter + ")", 5)).isEqualTo(Tri.UNKNOWN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "payload.name + 1 = 1",
        "'a' + 'b' = 'ab'",
        "'1' + 1 = 2",
        "TRUE + 1 = 2",
        "payload.items * 2 = 0",
        "payload.missing - 1 = 0",
        "1 - payload.missing = 0",
        "(1 = 1) + 1 = 2"
      })
  void arithmeticOnNonNumbersIsUnknownAndPlusDoesNotConcatenate(String filter) {
    assertThat(eval(filter, Check.json("{\"name\": \"Ada\", \"items\": [1]}")))
        .isEqualTo(Tri.UNKNOWN);
  }

  @Test
  void resultsStayExactUpToAThousandDigitsAndRoundBeyond() {
    // 1e400 + 1e-400 needs 801 digits: exact, so it is more than 1e400.
    assertThat(eval("1e400 + 1e-400 > 1e400", null)).isEqualTo(Tri.TRUE);
    // 1e600 + 1e-600 would need 1201 digits: rounded to 34, it equals 1e600.
    assertThat(eval("1e600 + 1e-600 = 1e600", null)).isEqualTo(Tri.TRUE);
  }

  @Test
  void shortLiteralsCannotAskForGiganticResults() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          assertThat(eval("1e-999999999 + 1 > 1", null)).isEqualTo(Tri.FALSE); // rounded to 1
          assertThat(eval("1e999999999 - 1e-999999999 = 1e999999999", null)).isEqualTo(Tri.TRUE);
          assertThat(eval("0e-999999999 + 1 = 1", null)).isEqualTo(Tri.TRUE);
          assertThat(eval("1e-999999999 * 1e-999999999 > 0", null)).isEqualTo(Tri.TRUE);
          assertThat(eval("1 / 1e-999999999 > 1", null)).isEqualTo(Tri.TRUE);
          assertThat(eval("1 / 3e-999999999 > 1", null)).isEqualTo(Tri.TRUE);
        });
  }

  @Test
  void exponentOverflowIsUnknown() {
    assertThat(eval("1e2147483647 * 1e2147483647 > 0", null)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("1e-2147483647 / 1e2147483647 > 0", null)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("NOT (1e2147483647 * 1e2147483647 > 0)", null)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("0e-2147483647 * 0e-2147483647 = 0", null)).isEqualTo(Tri.TRUE);
  }

  @Test
  void longChainsAreEvaluatedLeftToRight() {
    String ones = "1" + " + 1".repeat(999);
    assertThat(eval(ones + " = 1000", null)).isEqualTo(Tri.TRUE);
    String halvings = "1024" + " / 2".repeat(10);
    assertThat(eval(halvings + " = 1", null)).isEqualTo(Tri.TRUE);
  }
}
