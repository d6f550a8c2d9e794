package io.topicbus.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;

/**
 * Shared vocabulary of the filter tests: a standard message and three-valued evaluation, so that a
 * test can say "this is UNKNOWN", which {@link Filter#matches} alone cannot tell from FALSE.
 */
final class Check {

  static final String TOPIC = "orders.eu.created";
  static final String KEY = "cust-42";

  private Check() {}

  static JsonObject headers() {
    return new JsonObject()
        .put("type", "OrderPlaced")
        .put("content-type", "application/json")
        .put("priority", 5)
        .put("urgent", true);
  }

  static Message message(Object payload) {
    return new Message(TOPIC, KEY, headers(), payload);
  }

  /** The outcome of {@code filter} for the standard topic, key and headers and this payload. */
  static Tri eval(String filter, Object payload) {
    return evalMessage(filter, message(payload));
  }

  static Tri evalMessage(String filter, Message message) {
    return Filter.compile(filter).evaluate(message);
  }

  static JsonObject json(String json) {
    return new JsonObject(json);
  }

  /** Asserts that {@code filter} is refused with exactly {@code message}, position included. */
  static void assertRejected(String filter, String message) {
    assertThatThrownBy(() -> Filter.compile(filter))
        .isInstanceOfSatisfying(
            FilterException.class,
            e -> {
              assertThat(e).hasMessage(message);
              assertThat(e.getMessage()).endsWith(" at " + e.position());
            });
  }
}
