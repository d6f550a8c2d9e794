package io.topicbus.filter;

import static io.topicbus.filter.Check.eval;
import static io.topicbus.filter.Check.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code [NOT] IN (literals)} as an OR of equalities; {@code [NOT] BETWEEN a AND b}, inclusive. */
class InAndBetweenTest {

  @Test
  void inIsTrueWhenTheSubjectEqualsALiteral() {
    assertThat(eval("'London' IN ('London', 'Paris')", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload IN ('eu', 'us')", "us")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload IN ('eu', 'us')", "EU")).isEqualTo(Tri.FALSE);
    assertThat(eval("payload NOT IN ('eu', 'us')", "asia")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload NOT IN ('eu', 'us')", "eu")).isEqualTo(Tri.FALSE);
    assertThat(eval("payload IN ('eu')", "eu")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload IN ('eu', 'eu')", "eu")).isEqualTo(Tri.TRUE);
  }

  @Test
  void numbersInTheListCompareByValueAndMayCarryASign() {
    assertThat(eval("payload IN (1, 2, 3)", 2)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload IN (1, 2, 3)", 2.0)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload IN (1, 2.00, 3)", 2L)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload IN (1, 2, 3)", 4)).isEqualTo(Tri.FALSE);
    assertThat(eval("payload IN (-1, +2, 'a')", -1)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload IN (-1, +2, 'a')", 2)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload IN (-1, +2, 'a')", "a")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload + 1 IN (3)", 2)).isEqualTo(Tri.TRUE);
  }

  @ParameterizedTest(name = "{0} on {1}: IN is {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          payload IN (1, 'b')   | a    | UNKNOWN
          payload IN (1, 'a')   | a    | TRUE
          payload IN ('a', 'b') | c    | FALSE
          payload IN (1, 2)     | c    | UNKNOWN
          """)
  void aLiteralOfAnotherTypeMakesANonMatchUnknownAsItsEqualityWould(
      String filter, String subject, Tri in) {
    assertThat(eval(filter, subject)).isEqualTo(in);
    assertThat(eval(filter.replace(" IN ", " NOT IN "), subject)).isEqualTo(in.not());
  }

  @Test
  void inOnNullBooleansObjectsAndArraysIsUnknownAndSoIsNotIn() {
    for (Object subject : new Object[] {null, true, json("{}"), json("{\"a\": [1]}").getJsonArray("a")}) {
      assertThat(eval("payload IN ('a', 1)", subject)).as("%s", subject).isEqualTo(Tri.UNKNOWN);
      assertThat(eval("payload NOT IN ('a', 1)", subject)).as("%s", subject).isEqualTo(Tri.UNKNOWN);
      assertThat(eval("payload IN ('a')", subject)).as("%s", subject).isEqualTo(Tri.UNKNOWN);
    }
  }

  @Test
  void inMeansTheOrOfItsEqualities() {
    for (Object subject : new Object[] {"a", "z", 1, 1.0, 7, true, null, json("{}")}) {
      assertThat(eval("payload IN ('a', 1)", subject))
          .as("%s", subject)
          .isEqualTo(eval("payload = 'a' OR payload = 1", subject));
      assertThat(eval("payload NOT IN ('a', 1)", subject))
          .as("%s", subject)
          .isEqualTo(eval("NOT (payload = 'a' OR payload = 1)", subject));
    }
  }

  @Test
  void betweenIsInclusiveAtBothEnds() {
    assertThat(eval("payload BETWEEN 1 AND 10", 1)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload BETWEEN 1 AND 10", 10)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload BETWEEN 1 AND 10", 5.5)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload BETWEEN 1 AND 10", 0)).isEqualTo(Tri.FALSE);
    assertThat(eval("payload BETWEEN 1 AND 10", 10.01)).isEqualTo(Tri.FALSE);
    assertThat(eval("payload NOT BETWEEN 1 AND 10", 11)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload NOT BETWEEN 1 AND 10", 10)).isEqualTo(Tri.FALSE);
    assertThat(eval("payload BETWEEN 10 AND 1", 5)).isEqualTo(Tri.FALSE);
  }

  @Test
  void betweenOrdersStringsByCodePoint() {
    String filter = "payload.date BETWEEN '2026-01-01' AND '2026-12-31'";
    assertThat(eval(filter, json("{\"date\": \"2026-06-30\"}"))).isEqualTo(Tri.TRUE);
    assertThat(eval(filter, json("{\"date\": \"2026-12-31\"}"))).isEqualTo(Tri.TRUE);
    assertThat(eval(filter, json("{\"date\": \"2027-01-01\"}"))).isEqualTo(Tri.FALSE);
    assertThat(eval("payload BETWEEN 'a' AND '\uFFFF'", "\uD83D\uDE00")).isEqualTo(Tri.FALSE);
  }

  @Test
  void betweenBoundsAreValueExpressionsAndTheSubjectMayBeALiteral() {
    assertThat(eval("payload BETWEEN 1 + 1 AND 2 * 5", 2)).isEqualTo(Tri.TRUE);
    assertThat(eval("5 BETWEEN payload AND payload + 10", 5)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload BETWEEN -1 AND +1", 0)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload BETWEEN 1 AND 10 AND payload.x IS NULL", 3)).isEqualTo(Tri.TRUE);
  }

  @Test
  void betweenIsTheAndOfTwoComparisonsInThreeValuedLogic() {
    assertThat(eval("payload BETWEEN 1 AND 2", null)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload NOT BETWEEN 1 AND 2", null)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload BETWEEN 'a' AND 'z'", 5)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload BETWEEN TRUE AND TRUE", true)).isEqualTo(Tri.UNKNOWN);
    // 5 >= 'a' is UNKNOWN but 5 <= 3 is FALSE, and FALSE wins.
    assertThat(eval("payload BETWEEN 'a' AND 3", 5)).isEqualTo(Tri.FALSE);
    assertThat(eval("payload NOT BETWEEN 'a' AND 3", 5)).isEqualTo(Tri.TRUE);
  }
}
