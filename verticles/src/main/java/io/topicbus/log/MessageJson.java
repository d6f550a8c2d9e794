package io.topicbus.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.IOException;

/**
 * The one JSON form of a message's content, {@code {"key":..,"headers":..,"payload":..,"id":..}}
 * (absent fields left out): its length is the message size, its bytes are what the file log stores.
 * Written with Jackson's streaming generator (Vert.x's own value encoding), once per publish.
 */
public final class MessageJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private MessageJson() {
  }

  public static Buffer encode(String key, JsonObject headers, Object payload, String id) {
    ByteArrayBuilder bytes = new ByteArrayBuilder(256);
    try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
      out.writeStartObject();
      if (key != null) {
        out.writeStringField("key", key);
      }
      if (headers != null) {
        out.writeFieldName("headers");
        JacksonCodec.encodeJson(headers, out);
      }
      out.writeFieldName("payload");
      JacksonCodec.encodeJson(payload, out);
      if (id != null) {
        out.writeStringField("id", id);
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new EncodeException("cannot encode message: " + e.getMessage(), e);
    }
    return Buffer.buffer(bytes.toByteArray());
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
