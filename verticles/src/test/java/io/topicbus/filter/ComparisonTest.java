package io.topicbus.filter;

import static io.topicbus.filter.Check.eval;
import static io.topicbus.filter.Check.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code = <> != < <= > >=}: by value for numbers, by code point for strings, = and <> for booleans. */
class ComparisonTest {

  @ParameterizedTest(name = "5 {0} 5 is {1}, 5 {0} 7 is {2}, 7 {0} 5 is {3}")
  @CsvSource({
    "=,  TRUE,  FALSE, FALSE",
    "<>, FALSE, TRUE,  TRUE",
    "!=, FALSE, TRUE,  TRUE",
    "<,  FALSE, TRUE,  FALSE",
    "<=, TRUE,  TRUE,  FALSE",
    ">,  FALSE, FALSE, TRUE",
    ">=, TRUE,  FALSE, TRUE"
  })
  void relationsOnNumbersAndStrings(String op, Tri same, Tri less, Tri greater) {
    assertThat(eval("5 " + op + " 5", null)).isEqualTo(same);
    assertThat(eval("5 " + op + " 7", null)).isEqualTo(less);
    assertThat(eval("7 " + op + " 5", null)).isEqualTo(greater);
    assertThat(eval("'b' " + op + " 'b'", null)).isEqualTo(same);
    assertThat(eval("'b' " + op + " 'c'", null)).isEqualTo(less);
    assertThat(eval("'c' " + op + " 'b'", null)).isEqualTo(greater);
  }

  @Test
  void numbersCompareByValueWhateverTheirJavaType() {
    for (Object number :
        new Object[] {
          (byte) 123, (short) 123, 123, 123L, 123.0, 123.0f,
          new BigDecimal("123.000"), BigInteger.valueOf(123), new AtomicLong(123)
        }) {
      assertThat(eval("payload = 123", number)).as("%s", number.getClass()).isEqualTo(Tri.TRUE);
      assertThat(eval("payload = 123.0", number)).as("%s", number.getClass()).isEqualTo(Tri.TRUE);
      assertThat(eval("payload < 123.5", number)).as("%s", number.getClass()).isEqualTo(Tri.TRUE);
    }
    assertThat(eval("1 = 1.0", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("1 = 1e0", null)).isEqualTo(Tri.TRUE);
  }

  @Test
  void doublesAndFloatsAreTheDecimalsTheirTextShows() {
    assertThat(eval("payload = 19.99", 19.99)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = 0.1", 0.1)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = 0.1", 0.1f)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.total > 19.98", json("{\"total\": 19.99}"))).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = 9223372036854775807", Long.MAX_VALUE)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload < 9223372036854775808", Long.MAX_VALUE)).isEqualTo(Tri.TRUE);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nanAndInfinitiesCompareWithNothingButAreNotNull(double value) {
    assertThat(eval("payload = payload", value)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload > 0", value)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload < 0", (float) value)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload IS NOT NULL", value)).isEqualTo(Tri.TRUE);
  }

  @Test
  void stringEqualityIsExactAndCaseSensitiveWithoutNormalisation() {
    assertThat(eval("payload = 'London'", "London")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = 'london'", "London")).isEqualTo(Tri.FALSE);
    assertThat(eval("payload = 'London '", "London")).isEqualTo(Tri.FALSE);
    // U+00E9 and e + U+0301 look alike but are different code points.
    assertThat(eval("payload = '\u00E9'", "e\u0301")).isEqualTo(Tri.FALSE);
  }

  @Test
  void stringsOrderByCodePointNotByUtf16Unit() {
    String supplementary = "\uD83D\uDE00"; // U+1F600, stored as 0xD83D 0xDE00
    assertThat(supplementary.compareTo("\uFFFF")).isNegative(); // what Java's order would say
    assertThat(eval("payload > '\uFFFF'", supplementary)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload < '\uFFFF'", supplementary)).isEqualTo(Tri.FALSE);
    assertThat(eval("payload > '\uD83D\uDE00'", "\uD83D\uDE01")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload < 'ab'", "a")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload < 'a'", "B")).isEqualTo(Tri.TRUE);
  }

  @Test
  void isoDatesCompareAsStrings() {
    assertThat(eval("payload.date >= '2026-01-01'", json("{\"date\": \"2026-03-15\"}")))
        .isEqualTo(Tri.TRUE);
    assertThat(eval("payload.date >= '2026-01-01'", json("{\"date\": \"2025-12-31\"}")))
        .isEqualTo(Tri.FALSE);
  }

  @Test
  void booleansHaveEqualityButNoOrder() {
    assertThat(eval("payload = TRUE", true)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload <> TRUE", true)).isEqualTo(Tri.FALSE);
    assertThat(eval("payload != FALSE", true)).isEqualTo(Tri.TRUE);
    assertThat(eval("TRUE = TRUE", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload < TRUE", false)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload >= FALSE", false)).isEqualTo(Tri.UNKNOWN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "payload = '1'", "'1' = 1", "TRUE = 1", "'true' = TRUE", "payload <> '1'", "payload < '2'"
      })
  void comparisonsAcrossTypesAreUnknown(String filter) {
    assertThat(eval(filter, 1)).isEqualTo(Tri.UNKNOWN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"=", "<>", "!=", "<", "<=", ">", ">="})
  void comparisonsWithNullAreUnknown(String op) {
    assertThat(eval("payload.missing " + op + " 0", json("{}"))).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("0 " + op + " payload.missing", json("{}"))).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload.x " + op + " 'a'", json("{\"x\": null}"))).isEqualTo(Tri.UNKNOWN);
  }

  @Test
  void aParenthesisedConditionIsABooleanValue() {
    assertThat(eval("(payload = 1) = TRUE", 1)).isEqualTo(Tri.TRUE);
    assertThat(eval("(payload = 2) = FALSE", 1)).isEqualTo(Tri.TRUE);
    assertThat(eval("TRUE = (payload = 1)", 1)).isEqualTo(Tri.TRUE);
    assertThat(eval("(payload = 1) <> (payload = 2)", 1)).isEqualTo(Tri.TRUE);
    assertThat(eval("(payload = 1) != TRUE", 1)).isEqualTo(Tri.FALSE);
    assertThat(eval("((payload = 1)) = TRUE", 1)).isEqualTo(Tri.TRUE);
    assertThat(eval("(payload.missing = 1) = TRUE", json("{}"))).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("(payload = 1) > FALSE", 1)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("(payload = 1) = 1", 1)).isEqualTo(Tri.UNKNOWN);
  }
}
