package io.topicbus.client;

import io.vertx.core.json.JsonObject;

/** Where a published message was stored; {@code duplicate} when its id had been published before. */
public record PublishResult(String topic, long offset, long timestamp, String id, boolean duplicate) {

  static PublishResult fromJson(JsonObject reply) {
    return new PublishResult(reply.getString("topic"), reply.getLong("offset"), reply.getLong("timestamp"),
        reply.getString("id"), reply.getBoolean("duplicate", false));
  }
}
