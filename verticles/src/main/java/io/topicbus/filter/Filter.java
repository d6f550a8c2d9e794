package io.topicbus.filter;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A compiled content filter (SPEC 2.1): a JMS-style selector over a message's topic, key, headers
 * and payload. Compiling parses and checks the text once; {@link #matches} then only walks an
 * immutable tree, so one filter serves any number of threads at once.
 *
 * <p>This is the whole surface of the filter language; it knows nothing of the broker.
 */
public final class Filter {

  private final String text;
  private final Expr.Condition condition;

  private Filter(String text, Expr.Condition condition) {
    this.text = text;
    this.condition = condition;
  }

  /**
   * Parses and compiles once. {@code text} must be non-blank: callers treat null or blank as
   * "no filter" themselves (blank text is refused like any other non-condition).
   *
   * @throws FilterException if the text breaks a rule of the language; its message names the
   *     0-based code-point position, e.g. {@code filter: expected ')' at 17}
   */
  public static Filter compile(String text) throws FilterException {
    Objects.requireNonNull(text, "text");
    return new Filter(text, Parser.parse(text));
  }

  /**
   * TRUE only when the whole filter is TRUE: FALSE and UNKNOWN both mean "not delivered". Never
   * throws. Thread-safe.
   */
  public boolean matches(String topic, String key, JsonObject headers, Object payload) {
    try {
      return evaluate(new Message(topic, key, headers, payload)) == Tri.TRUE;
    } catch (RuntimeException callerSuppliedMapFailed) {
      // The payload may be any java.util.Map; one whose get() throws (a TreeMap with non-String
      // keys, say) must not take down the delivery worker: such a message is just not matched.
      return false;
    }
  }

  /** The filter's three-valued outcome for a message. */
  Tri evaluate(Message message) {
    return condition.test(message);
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
