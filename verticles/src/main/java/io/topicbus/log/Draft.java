package io.topicbus.log;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * A validated message on its way into a topic log, before it has an offset and a timestamp.
 *
 * @param encoded the message's JSON form {@code {"key":..,"headers":..,"payload":..,"id":..}} made once by
 *                {@link MessageJson#encode}; the file log stores these bytes, and their length plus the
 *                topic's is the message size that {@code limits.maxMessageBytes} bounds
 */
public record Draft(String topic, String key, JsonObject headers, Object payload, String id, Buffer encoded) {

  public int size() {
    return encoded.length() + topic.length();
  }

  public Record toRecord(long offset, long timestamp) {
    return new Record(topic, offset, timestamp, key, headers, payload, id, size());
  }
}
