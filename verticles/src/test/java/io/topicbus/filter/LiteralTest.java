package io.topicbus.filter;

import static io.topicbus.filter.Check.eval;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Literals: strings, the number grammar, TRUE and FALSE; signs are unary operators. */
class LiteralTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "12, 12",
    "1.5, 1.5",
    ".5, 0.5",
    "1., 1",
    "1.E1, 10",
    "1.5E3, 1500",
    "1.5e3, 1500",
    "1e-3, 0.001",
    "1E+2, 100",
    "017, 17",
    "00, 0",
    "0.0, 0",
    "123456789012345678901234567890, 123456789012345678901234567890"
  })
  void numbersFollowTheDecimalGrammar(String literal, BigDecimal value) {
    assertThat(eval("payload = " + literal, value)).isEqualTo(Tri.TRUE);
  }

  @Test
  void exponentsAsLargeAsBigDecimalAllowsAreFine() {
    assertThat(eval("1e2147483647 > 1e-2147483647", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("1e-999999999 > 0", null)).isEqualTo(Tri.TRUE);
  }

  @Test
  void stringsUseDoubledQuotesAndTakeBackslashLiterally() {
    assertThat(eval("payload = 'it''s'", "it's")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = ''''", "'")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = 'a\\nb'", "a\\nb")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = ''", "")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = 'line\nbreak'", "line\nbreak")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = '\uD83D\uDE00'", "\uD83D\uDE00")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = 'AND OR NOT'", "AND OR NOT")).isEqualTo(Tri.TRUE);
  }

  @Test
  void trueAndFalseAreCaseInsensitiveKeywords() {
    assertThat(eval("TRUE", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("true", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("TrUe", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("FALSE", null)).isEqualTo(Tri.FALSE);
    assertThat(eval("payload = false", false)).isEqualTo(Tri.TRUE);
  }

  @Test
  void signsAreUnaryOperators() {
    assertThat(eval("payload = -5", -5)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = +5", 5)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = - -5", 5)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = --5", 5)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = -(-5)", 5)).isEqualTo(Tri.TRUE);
    assertThat(eval("-payload = 5", -5)).isEqualTo(Tri.TRUE);
    assertThat(eval("- payload = -.5", 0.5)).isEqualTo(Tri.TRUE);
  }

  @Test
  void aSignOnANonNumberIsUnknown() {
    assertThat(eval("+'a' = 'a'", null)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("-payload = 'a'", "a")).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("-TRUE = FALSE", null)).isEqualTo(Tri.UNKNOWN);
  }
}
