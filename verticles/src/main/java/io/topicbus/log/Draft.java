package io.topicbus.log;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * A validated message on its way into a topic log, before it has an offset and a timestamp. Its
 * size is known at once (what {@code limits.maxMessageBytes} bounds: the encoded content plus the
 * topic name); its bytes, {@code {"key":..,"headers":..,"payload":..,"id":..}} from
 * {@link MessageJson#encode}, are made only when a log needs them (the file log, on its writer
 * thread). Nobody mutates {@code headers} or {@code payload} once a draft is made.
 */
public final class Draft {

  private final String topic;
  private final String key;
  private final JsonObject headers;
  private final Object payload;
  private final String id;
  private final int contentSize;
  private volatile Buffer encoded;

  Draft(String topic, String key, JsonObject headers, Object payload, String id, int contentSize) {
    this.topic = topic;
    this.key = key;
    this.headers = headers;
    this.payload = payload;
    this.id = id;
    this.contentSize = contentSize;
  }

  public String topic() {
    return topic;
  }

  public String key() {
    return key;
  }

  public JsonObject headers() {
    return headers;
  }

  public Object payload() {
    return payload;
  }

  public String id() {
    return id;
  }

  public int size() {
    return contentSize + topic.length();
  }

  /** The message's JSON bytes, encoded on first use (a benign race: two threads would make equal bytes). */
  public Buffer encoded() {
    Buffer bytes = encoded;
    if (bytes == null) {
      bytes = MessageJson.encode(key, headers, payload, id);
      encoded = bytes;
    }
    return bytes;
  }

  public Record toRecord(long offset, long timestamp) {
    return new Record(topic, offset, timestamp, key, headers, payload, id, size());
  }
}
