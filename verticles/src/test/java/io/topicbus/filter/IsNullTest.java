package io.topicbus.filter;

import static io.topicbus.filter.Check.eval;
import static io.topicbus.filter.Check.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code IS [NOT] NULL}: decides presence, never UNKNOWN. */
class IsNullTest {

  private static final JsonObject PAYLOAD =
      json("{\"s\": \"x\", \"zero\": 0, \"no\": false, \"empty\": \"\", \"nil\": null,"
          + " \"list\": [], \"object\": {}}");

  @ParameterizedTest(name = "{0} IS NULL is {1}")
  @CsvSource({
    "payload.missing, TRUE",
    "payload.nil,     TRUE",
    "payload.s,       FALSE",
    "payload.zero,    FALSE",
    "payload.no,      FALSE",
    "payload.empty,   FALSE",
    "payload.list,    FALSE",
    "payload.object,  FALSE",
    "payload.list[0], TRUE",
    "payload,         FALSE",
    "topic,           FALSE",
    "key,             FALSE",
    "headers.type,    FALSE",
    "headers.nope,    TRUE",
    "(payload.nil),   TRUE"
  })
  void isNullAndIsNotNullAreNeverUnknown(String identifier, Tri isNull) {
    assertThat(eval(identifier + " IS NULL", PAYLOAD)).isEqualTo(isNull);
    assertThat(eval(identifier + " IS NOT NULL", PAYLOAD)).isEqualTo(isNull.not());
    assertThat(eval("NOT (" + identifier + " IS NULL)", PAYLOAD)).isEqualTo(isNull.not());
  }
}
