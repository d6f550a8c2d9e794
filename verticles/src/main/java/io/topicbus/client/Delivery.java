package io.topicbus.client;

import io.vertx.core.json.JsonObject;

/** One message delivered to a {@link TopicBusClient} subscription (the body SPEC section 3 describes). */
public record Delivery(String subscriptionId, String topic, long offset, long timestamp, String key,
                       JsonObject headers, Object payload, String id, int attempt) {

  static Delivery fromJson(JsonObject body) {
    return new Delivery(body.getString("subscriptionId"), body.getString("topic"), body.getLong("offset", -1L),
        body.getLong("timestamp", 0L), body.getString("key"), body.getJsonObject("headers", new JsonObject()),
        body.getValue("payload"), body.getString("id"), body.getInteger("attempt", 1));
  }

  /** The payload as an object (null when it is another JSON type). */
  public JsonObject payloadObject() {
    return payload instanceof JsonObject json ? json : null;
  }
}
