package io.topicbus.log;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/** The one JSON form of a message's content, used for its size, its bytes on disk and reading it back. */
public final class MessageJson {

  private MessageJson() {
  }

  public static Buffer encode(String key, JsonObject headers, Object payload, String id) {
    JsonObject json = new JsonObject();
    if (key != null) {
      json.put("key", key);
    }
    if (headers != null) {
      json.put("headers", headers);
    }
    json.put("payload", payload);
    if (id != null) {
      json.put("id", id);
    }
    return json.toBuffer();
  }

  public static Draft draft(String topic, String key, JsonObject headers, Object payload, String id) {
    return new Draft(topic, key, headers, payload, id, encode(key, headers, payload, id));
  }

  /** Reads back what {@link #encode} wrote, as the record at {@code offset}. */
  public static Record decode(String topic, long offset, long timestamp, Buffer encoded) {
    JsonObject json = (JsonObject) Json.decodeValue(encoded);
    return new Record(topic, offset, timestamp, json.getString("key"), json.getJsonObject("headers"),
        json.getValue("payload"), json.getString("id"), encoded.length() + topic.length());
  }
}
