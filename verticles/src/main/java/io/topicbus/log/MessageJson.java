package io.topicbus.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.IOException;

/**
 * The one JSON form of a message's content, {@code {"key":..,"headers":..,"payload":..,"id":..}}
 * (absent fields left out): its length is the message size, its bytes are what the file log stores.
 * Written with Jackson's streaming generator (Vert.x's own value encoding), once per publish. Reading
 * back keeps numbers exact (SPEC section 3): a fraction such as {@code 19.99} comes back as the
 * {@link java.math.BigDecimal} of its text, never as the nearest double; integers come back as
 * Integer, Long or BigInteger by size, as Vert.x decodes them.
 */
public final class MessageJson {

  private static final JsonFactory JSON = new JsonFactory();

  private MessageJson() {
  }

  public static Buffer encode(String key, JsonObject headers, Object payload, String id) {
    ByteArrayBuilder bytes = new ByteArrayBuilder(256);
    try (JsonGenerator out = JSON.createGenerator(bytes)) {
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

  /**
   * A draft sized without encoding it (see {@link JsonSize}); IllegalArgumentException when the
   * payload or a header is not a JSON value.
   */
  public static Draft draft(String topic, String key, JsonObject headers, Object payload, String id) {
    return new Draft(topic, key, headers, payload, id, size(key, headers, payload, id));
  }

  /** The length of what {@link #encode} writes for these fields. */
  static int size(String key, JsonObject headers, Object payload, String id) {
    long bytes = 2 + "\"payload\":".length() + JsonSize.of(payload);
    if (key != null) {
      bytes += "\"key\":,".length() + JsonSize.string(key);
    }
    if (headers != null) {
      bytes += "\"headers\":,".length() + JsonSize.of(headers);
    }
    if (id != null) {
      bytes += "\"id\":,".length() + JsonSize.string(id);
    }
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  /** Reads back what {@link #encode} wrote, as the record at {@code offset}. */
  public static Record decode(String topic, long offset, long timestamp, Buffer encoded) {
    byte[] bytes = encoded.getBytes();
    return decode(topic, offset, timestamp, bytes, 0, bytes.length);
  }

  /** {@link #decode(String, long, long, Buffer)} from a slice of an array (a record inside a read batch). */
  static Record decode(String topic, long offset, long timestamp, byte[] bytes, int from, int length) {
    JsonObject json;
    try (JsonParser parser = JSON.createParser(bytes, from, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new DecodeException("a message is a JSON object");
      }
      json = readObject(parser);
      if (parser.nextToken() != null) {
        throw new DecodeException("trailing data after the message");
      }
    } catch (IOException e) {
      throw new DecodeException("message JSON does not parse: " + e.getMessage(), e);
    }
    return new Record(topic, offset, timestamp, json.getString("key"), json.getJsonObject("headers"),
        json.getValue("payload"), json.getString("id"), length + topic.length());
  }

  private static Object readValue(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT:
        return readObject(parser);
      case START_ARRAY:
        JsonArray array = new JsonArray();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(readValue(parser));
        }
        return array;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new DecodeException("unexpected JSON token " + parser.currentToken());
    }
  }

  private static JsonObject readObject(JsonParser parser) throws IOException {
    JsonObject object = new JsonObject();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      object.put(name, readValue(parser));
    }
    return object;
  }
}
