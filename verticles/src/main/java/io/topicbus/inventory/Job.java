package io.topicbus.inventory;

import io.topicbus.api.Failure;
import io.topicbus.api.Fields;
import io.topicbus.topic.TopicName;
import io.vertx.core.json.JsonObject;

/**
 * One stock job, validated: the one routine for sku and qty (SPEC section 4), used by the pool's
 * handlers and by {@link Batch} alike. A sku is 1..64 chars of {@code [A-Za-z0-9_-]} (a topic
 * segment, so {@code inventory.<sku>.changed} is always a valid topic); a qty is an integral JSON
 * number 1..1,000,000,000. Nothing is coerced ({@code "3"} and {@code 1.5} are refused), and a
 * refusal is a 400 whose message starts with the field's name.
 */
record Job(Op op, String sku, long qty) {

  static final long MAX_QTY = 1_000_000_000L;

  /** {@code qty} is read for add and remove only; a check ignores it. */
  static Job parse(Op op, JsonObject body) {
    String sku = sku(body);
    long qty = op == Op.CHECK ? 0 : Fields.requiredLong(body, "qty", 1, MAX_QTY);
    return new Job(op, sku, qty);
  }

  static String sku(JsonObject body) {
    String sku = Fields.requiredString(body, "sku", 64);
    if (!TopicName.isValidSegment(sku)) {
      throw Failure.badField("sku", "expected 1..64 chars of [A-Za-z0-9_-]");
    }
    return sku;
  }

  /** The request body the pool's address for {@link #op} takes. */
  JsonObject toJson() {
    JsonObject json = new JsonObject().put("sku", sku);
    return op == Op.CHECK ? json : json.put("qty", qty);
  }
}
