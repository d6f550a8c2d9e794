package io.topicbus.filter;

import static io.topicbus.filter.Check.eval;
import static io.topicbus.filter.Check.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NOT, AND, OR in three-valued logic; precedence; what counts as a condition; whitespace. */
class LogicTest {

  /** {@code payload.T} is TRUE, {@code payload.F} FALSE, {@code payload.U} UNKNOWN (missing). */
  private static final JsonObject VALUES = json("{\"T\": true, \"F\": false, \"n\": 1}");

  @ParameterizedTest(name = "{0} AND {1} = {2}, {0} OR {1} = {3}")
  @CsvSource({
    "T, T, TRUE,    TRUE",
    "T, F, FALSE,   TRUE",
    "T, U, UNKNOWN, TRUE",
    "F, T, FALSE,   TRUE",
    "F, F, FALSE,   FALSE",
    "F, U, FALSE,   UNKNOWN",
    "U, T, UNKNOWN, TRUE",
    "U, F, FALSE,   UNKNOWN",
    "U, U, UNKNOWN, UNKNOWN"
  })
  void andAndOrFollowTheJmsTruthTables(String a, String b, Tri and, Tri or) {
    assertThat(eval("payload." + a + " AND payload." + b, VALUES)).isEqualTo(and);
    assertThat(eval("payload." + a + " OR payload." + b, VALUES)).isEqualTo(or);
  }

  @ParameterizedTest(name = "NOT {0} = {1}")
  @CsvSource({"T, FALSE", "F, TRUE", "U, UNKNOWN"})
  void notOfUnknownIsUnknown(String a, Tri not) {
    assertThat(eval("NOT payload." + a, VALUES)).isEqualTo(not);
    assertThat(eval("NOT (payload." + a + ")", VALUES)).isEqualTo(not);
  }

  @Test
  void onlyTrueDelivers() {
    Filter isTrue = Filter.compile("payload.T");
    Filter isFalse = Filter.compile("payload.F");
    Filter isUnknown = Filter.compile("payload.U");
    Filter notUnknown = Filter.compile("NOT payload.U");
    assertThat(isTrue.matches("t", null, null, VALUES)).isTrue();
    assertThat(isFalse.matches("t", null, null, VALUES)).isFalse();
    assertThat(isUnknown.matches("t", null, null, VALUES)).isFalse();
    assertThat(notUnknown.matches("t", null, null, VALUES)).isFalse();
  }

  @Test
  void longChainsMixUnknownAndFalseAsTheTablesSay() {
    assertThat(eval("payload.T AND payload.U AND payload.F AND payload.T", VALUES))
        .isEqualTo(Tri.FALSE);
    assertThat(eval("payload.T AND payload.U AND payload.T", VALUES)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload.F OR payload.U OR payload.T", VALUES)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.F OR payload.U OR payload.F", VALUES)).isEqualTo(Tri.UNKNOWN);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          NOT payload.T AND payload.F           | FALSE
          NOT (payload.T AND payload.F)         | TRUE
          payload.T OR payload.T AND payload.F  | TRUE
          (payload.T OR payload.T) AND payload.F | FALSE
          payload.F AND payload.T OR payload.T  | TRUE
          payload.F AND (payload.T OR payload.T) | FALSE
          NOT payload.n = 2                     | TRUE
          NOT payload.n + 1 = 2                 | FALSE
          NOT NOT payload.T                     | TRUE
          NOT payload.F OR payload.F            | TRUE
          NOT payload.n BETWEEN 0 AND 2         | FALSE
          NOT payload.n IN (1)                  | FALSE
          payload.n = 1 AND NOT payload.n = 2 OR payload.F | TRUE
          """)
  void precedenceIsComparisonThenNotThenAndThenOr(String filter, Tri expected) {
    assertThat(eval(filter, VALUES)).isEqualTo(expected);
  }

  @Test
  void keywordsAreCaseInsensitive() {
    JsonObject payload = json("{\"s\": \"abc\", \"n\": 1, \"T\": true, \"F\": false}");
    assertThat(eval("payload.T and not payload.F", payload)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.F oR payload.T", payload)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.s like 'a%' escape '!'", payload)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.s Not Like 'x%'", payload)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.n between 0 And 2", payload)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.n in (1)", payload)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.x is null", payload)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.s iS nOt NuLl", payload)).isEqualTo(Tri.TRUE);
  }

  @Test
  void trueAndFalseAreConditions() {
    assertThat(eval("TRUE", VALUES)).isEqualTo(Tri.TRUE);
    assertThat(eval("FALSE", VALUES)).isEqualTo(Tri.FALSE);
    assertThat(eval("TRUE AND payload.T", VALUES)).isEqualTo(Tri.TRUE);
    assertThat(eval("(TRUE)", VALUES)).isEqualTo(Tri.TRUE);
    assertThat(eval("((payload.T))", VALUES)).isEqualTo(Tri.TRUE);
  }

  @Test
  void tabsLineBreaksAndFormFeedsSeparateTokens() {
    assertThat(eval("payload.T\tAND\r\npayload.T\f", VALUES)).isEqualTo(Tri.TRUE);
    assertThat(eval("\n payload.n=1 ", VALUES)).isEqualTo(Tri.TRUE);
    assertThat(eval("(payload.n)=(1)AND(payload.T)", VALUES)).isEqualTo(Tri.TRUE);
  }
}
