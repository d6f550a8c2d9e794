package io.topicbus.filter;

import static io.topicbus.filter.Check.eval;
import static io.topicbus.filter.Check.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code [NOT] LIKE 'pattern' [ESCAPE 'c']}. */
class LikeTest {

  @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' is {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          abc      | abc      | TRUE
          abc      | abcd     | FALSE
          abc      | ABC      | FALSE
          ""       | ""       | TRUE
          ""       | a        | FALSE
          %        | ""       | TRUE
          %        | anything | TRUE
          %%       | ""       | TRUE
          a%%b     | ab       | TRUE
          a%%b     | axxb     | TRUE
          _        | a        | TRUE
          _        | ""       | FALSE
          _        | ab       | FALSE
          a_c      | abc      | TRUE
          a_c      | ac       | FALSE
          cust-%   | cust-42  | TRUE
          cust-%   | cus-42   | FALSE
          %.eu.%   | orders.eu.created | TRUE
          %.eu.%   | orders.us.created | FALSE
          %oo      | _foo     | TRUE
          %ar      | _foo     | FALSE
          ab%df    | abXXXdf  | TRUE
          ab%df    | abdf     | TRUE
          ab%df    | abdfX    | FALSE
          %a%b%    | xxaxxbxx | TRUE
          %a%b%    | xxbxxaxx | FALSE
          %aab     | aaaab    | TRUE
          a%a%a    | aa       | FALSE
          a%a%a    | aaa      | TRUE
          _%_      | a        | FALSE
          _%_      | ab       | TRUE
          a.c      | abc      | FALSE
          a.c      | a.c      | TRUE
          [abc]    | a        | FALSE
          [abc]    | [abc]    | TRUE
          (x)*+?   | (x)*+?   | TRUE
          "^a$|b"  | "^a$|b"  | TRUE
          a\\dc    | a\\dc    | TRUE
          """)
  void percentMatchesAnyRunAndUnderscoreExactlyOneCharacter(
      String pattern, String subject, Tri expected) {
    assertThat(eval("payload LIKE '" + pattern + "'", subject)).isEqualTo(expected);
    assertThat(eval("payload NOT LIKE '" + pattern + "'", subject)).isEqualTo(expected.not());
  }

  @Test
  void underscoreMatchesOneCodePointEvenASurrogatePair() {
    String grin = "\uD83D\uDE00";
    assertThat(eval("payload LIKE '_'", grin)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '__'", grin)).isEqualTo(Tri.FALSE);
    assertThat(eval("payload LIKE 'a_b'", "a" + grin + "b")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '%_" + grin + "'", grin + grin)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '" + grin + "%'", grin + "x")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '%_" + "\uDE00'", grin)).isEqualTo(Tri.FALSE);
  }

  @Test
  void wildcardsMatchLineBreaks() {
    assertThat(eval("payload LIKE '%'", "a\nb")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE 'a_b'", "a\nb")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE 'a_b'", "a\rb")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '%1234%'", "hello1234\n")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE 'a%z'", "a\n\n\nz")).isEqualTo(Tri.TRUE);
  }

  @Test
  void escapedWildcardsAndEscapesMatchThemselves() {
    assertThat(eval("payload LIKE '!_%' ESCAPE '!'", "_foo")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '!_%' ESCAPE '!'", "foo")).isEqualTo(Tri.FALSE);
    assertThat(eval("payload LIKE '100!%' ESCAPE '!'", "100%")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '100!%' ESCAPE '!'", "1000")).isEqualTo(Tri.FALSE);
    assertThat(eval("payload LIKE 'a!!b' ESCAPE '!'", "a!b")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '\\_%' ESCAPE '\\'", "_x")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '%''%' ESCAPE ''''", "it's")).isEqualTo(Tri.FALSE);
    assertThat(eval("payload LIKE 'it''''s' ESCAPE ''''", "it's")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '\uD83D\uDE00%' ESCAPE '\uD83D\uDE00'", "%")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '\uD83D\uDE00%' ESCAPE '\uD83D\uDE00'", "x")).isEqualTo(Tri.FALSE);
  }

  @Test
  void withoutEscapeClauseEveryCharacterButWildcardsIsLiteral() {
    assertThat(eval("payload LIKE '!_'", "!x")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload LIKE '\\%'", "\\anything")).isEqualTo(Tri.TRUE);
  }

  @Test
  void likeOnANonStringIsUnknown() {
    for (Object subject : new Object[] {123, true, json("{}"), null}) {
      assertThat(eval("payload LIKE '1%'", subject)).as("%s", subject).isEqualTo(Tri.UNKNOWN);
      assertThat(eval("payload NOT LIKE '1%'", subject)).as("%s", subject).isEqualTo(Tri.UNKNOWN);
    }
  }

  @Test
  void theSubjectMayBeAnyValueExpression() {
    assertThat(eval("'London' LIKE 'L%'", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("topic LIKE 'orders.%'", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("key LIKE 'cust-__'", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("headers['content-type'] LIKE 'application/%'", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("(payload) LIKE 'a%'", "abc")).isEqualTo(Tri.TRUE);
  }

  @Test
  void patternsWithManyPercentSignsDoNotBacktrackExponentially() {
    String subject = "a".repeat(4000);
    String pattern = "%a".repeat(100) + "%b";
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> assertThat(eval("payload LIKE '" + pattern + "'", subject)).isEqualTo(Tri.FALSE));
  }
}
