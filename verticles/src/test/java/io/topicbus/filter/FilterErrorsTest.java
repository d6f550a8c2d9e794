package io.topicbus.filter;

import static io.topicbus.filter.Check.assertRejected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way a filter can be refused (SPEC 2.1: 400 with a message naming the 0-based position),
 * each with its exact message. Limits have their own test, {@link LimitsTest}.
 */
class FilterErrorsTest {

  @ParameterizedTest(name = "{0}  ->  {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          # lexical: strings, numbers, characters
          payload = 'abc                     | unterminated string at 10
          headers['content-type = 1        | unterminated string at 8
          payload # 1                      | unexpected character '#' at 8
          payload = 0x1F                   | unexpected 'x' in a number at 11
          payload = 10L                    | unexpected 'L' in a number at 12
          payload = 1.5f                   | unexpected 'f' in a number at 13
          payload = 1e                     | expected digits in the exponent at 12
          payload = 1e+                    | expected digits in the exponent at 13
          payload = 1.2.3                  | unexpected '.' in a number at 13
          payload = 1e99999999999          | number out of range at 10
          payload = 1e-2147483649          | number out of range at 10

          # identifiers: four lower-case roots, and paths only below headers and payload
          name = 1                         | unknown identifier 'name' at 0
          HEADERS.a = 1                    | unknown identifier 'HEADERS' at 0
          Payload = 1                      | unknown identifier 'Payload' at 0
          payload = 1 AND JMSType = 'x'    | unknown identifier 'JMSType' at 16
          UPPER(payload) = 'A'             | unknown identifier 'UPPER' at 0
          topic.x = 1                      | 'topic' has no fields at 5
          key[0] = 1                       | 'key' has no fields at 3
          payload. = 1                     | expected a name after '.' at 8
          payload.1a = 1                   | expected a name after '.' at 8
          payload[01] = 1                  | array index with a leading zero at 8
          payload[-1] = 1                  | expected an array index or a quoted name after '[' at 8
          payload['a' = 1                  | expected ']' at 11
          payload[1.5] = 1                 | expected ']' at 9
          payload [0] = 1                  | unexpected character '[' at 8

          # NULL only in IS [NOT] NULL
          key=NULL                         | NULL is only allowed in IS [NOT] NULL at 4
          NULL                             | NULL is only allowed in IS [NOT] NULL at 0
          payload BETWEEN NULL AND 10      | NULL is only allowed in IS [NOT] NULL at 16
          payload IN (1, NULL)             | NULL is only allowed in IS [NOT] NULL at 15
          payload LIKE NULL                | NULL is only allowed in IS [NOT] NULL at 13
          payload LIKE 'a' ESCAPE NULL     | NULL is only allowed in IS [NOT] NULL at 24
          payload IS NOT 5                 | expected NULL at 15
          payload IS TRUE                  | expected NULL at 11
          1 IS NULL                        | IS [NOT] NULL applies to identifiers only at 0
          'a' IS NOT NULL                  | IS [NOT] NULL applies to identifiers only at 0
          (payload + 1) IS NULL            | IS [NOT] NULL applies to identifiers only at 1
          (payload = 1) IS NULL            | IS [NOT] NULL applies to identifiers only at 0

          # a filter, and each operand of NOT, AND and OR, must be a condition
          'x'                              | expected a condition at 0
          42                               | expected a condition at 0
          3 + 5                            | expected a condition at 0
          -payload.n                       | expected a condition at 0
          (42)                             | expected a condition at 1
          payload.t AND 5                  | expected a condition at 14
          NOT 'x'                          | expected a condition at 4
          payload.t OR payload.n * 2       | expected a condition at 13

          # comparisons do not chain
          payload = 1 = TRUE               | comparison cannot be chained at 12
          payload LIKE 'x' = TRUE          | comparison cannot be chained at 17
          payload = 1 IS NULL              | comparison cannot be chained at 12
          payload < 1 < 2                  | comparison cannot be chained at 12
          payload = 1 NOT IN (1)           | comparison cannot be chained at 12
          payload IN (1) IN (2)            | comparison cannot be chained at 15
          payload BETWEEN 1 AND 2 BETWEEN 1 AND 2 | comparison cannot be chained at 24
          payload IS NULL = TRUE           | comparison cannot be chained at 16

          # structure
          payload NOT 1                    | expected LIKE, IN or BETWEEN after NOT at 12
          payload.a == 1                   | expected a value at 11
          payload =                        | expected a value at 9
          payload.s /* c */ = 1            | expected a value at 11
          AND payload.t                    | expected a value at 0
          NOT                              | expected a value at 3
          payload.t AND                    | expected a value at 13
          (payload.t = TRUE                | expected ')' at 17
          payload.t)                       | unexpected ')' at 9
          payload.t payload.t              | unexpected 'payload.t' at 10
          payload.t 'x'                    | unexpected string literal at 10

          # IN lists: one or more string or number literals, numbers with one sign at most
          payload IN 1                     | expected '(' after IN at 11
          payload IN ()                    | expected a string or number literal at 12
          payload IN (1,)                  | expected a string or number literal at 14
          payload IN (1                    | expected ')' at 13
          payload IN (TRUE)                | expected a string or number literal at 12
          payload IN (payload)             | expected a string or number literal at 12
          payload IN (-'a')                | expected a number after the sign at 13
          payload IN (--1)                 | expected a number after the sign at 13

          # BETWEEN and LIKE
          payload BETWEEN 1 OR 2           | expected AND at 18
          payload LIKE payload             | expected a string pattern after LIKE at 13
          payload LIKE 5                   | expected a string pattern after LIKE at 13
          payload LIKE 'a' ESCAPE 5        | expected a string after ESCAPE at 24
          payload LIKE 'a' ESCAPE ''       | ESCAPE must be one character other than '%' or '_' at 24
          payload LIKE 'a' ESCAPE 'ab'     | ESCAPE must be one character other than '%' or '_' at 24
          payload LIKE 'a' ESCAPE '%'      | ESCAPE must be one character other than '%' or '_' at 24
          payload LIKE 'a' ESCAPE '_'      | ESCAPE must be one character other than '%' or '_' at 24
          payload LIKE 'a!b' ESCAPE '!'    | escape character must be followed by '%', '_' or itself at 15
          payload LIKE 'ab!' ESCAPE '!'    | pattern ends with the escape character at 16
          payload LIKE 'a''!x' ESCAPE '!'  | escape character must be followed by '%', '_' or itself at 17
          """)
  void refusesWithAMessageNamingThePosition(String filter, String problem) {
    assertRejected(filter, "filter: " + problem);
  }

  @Test
  void blankTextIsNotACondition() {
    assertRejected("", "filter: expected a condition at 0");
    assertRejected(" \t\r\n\f", "filter: expected a condition at 5");
  }

  @Test
  void whitespaceIsOnlySpaceTabCrLfAndFormFeed() {
    assertRejected("payload.t\u000BAND payload.t", "filter: unexpected character U+000B at 9");
    assertRejected("payload.t\u00A0AND payload.t", "filter: unexpected character U+00A0 at 9");
    assertRejected("payload.t\u2028AND payload.t", "filter: unexpected character U+2028 at 9");
  }

  @Test
  void positionsCountCodePointsNotUtf16Units() {
    // Each emoji is one code point but two chars: 'name' starts at code point 21, char 23.
    assertRejected("'\uD83D\uDE00\uD83D\uDE00' = payload.x AND name", "filter: unknown identifier 'name' at 21");
    assertRejected("payload = '\uD83D\uDE00", "filter: unterminated string at 10");
  }

  @Test
  void doubleQuotesDoNotMakeStrings() {
    assertRejected("payload = \"x\"", "filter: unexpected character '\"' at 10");
  }
}
