package io.topicbus.web;

import io.topicbus.api.Failure;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * One inbound frame of the Vert.x event bus bridge protocol, as the official client and
 * {@code web/topicbus.js} send it: {@code {type, address, body, headers, replyAddress}} with type
 * {@code send}, {@code publish}, {@code register}, {@code unregister} or {@code ping}. {@link #parse}
 * checks the envelope only (what is inside {@code body} is the service's business); a bad envelope is
 * a {@link Malformed} that says where its answer can be routed.
 */
record Frame(Type type, String address, Object body, JsonObject headers, String replyAddress) {

  enum Type { SEND, PUBLISH, REGISTER, UNREGISTER, PING }

  static Frame parse(Buffer data, int maxAddressChars) {
    Object value;
    try {
      value = StrictJson.parse(data, "frame");
    } catch (Failure bad) {
      throw new Malformed(bad.getMessage().contains("UTF-8") ? "invalid_utf8" : "invalid_json", bad.getMessage(), null);
    }
    if (!(value instanceof JsonObject json)) {
      throw new Malformed("invalid_envelope", "frame: expected a JSON object", null);
    }
    Object reply = json.getValue("replyAddress");
    if (reply != null && !isAddress(reply, maxAddressChars)) {
      throw new Malformed("invalid_reply_address", "replyAddress: expected a string of 1.." + maxAddressChars + " chars", null);
    }
    String replyAddress = (String) reply;
    Type type = type(json.getValue("type"));
    if (type == null) {
      throw new Malformed("invalid_type", "type: expected send, publish, register, unregister or ping", replyAddress);
    }
    if (type == Type.PING) {
      return new Frame(type, null, null, null, null);
    }
    Object address = json.getValue("address");
    if (!isAddress(address, maxAddressChars)) {
      throw new Malformed("missing_address", "address: expected a string of 1.." + maxAddressChars + " chars", replyAddress);
    }
    boolean registration = type == Type.REGISTER || type == Type.UNREGISTER;
    String answerTo = replyAddress != null ? replyAddress : registration ? (String) address : null;
    JsonObject headers = headers(json.getValue("headers"), answerTo);
    return new Frame(type, (String) address, json.getValue("body"), headers, replyAddress);
  }

  /** The frame's headers as event bus headers; null when there are none. */
  MultiMap eventBusHeaders() {
    if (headers == null || headers.isEmpty()) {
      return null;
    }
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    headers.forEach(e -> map.add(e.getKey(), String.valueOf(e.getValue())));
    return map;
  }

  private static Type type(Object type) {
    if (!(type instanceof String s)) {
      return null;
    }
    return switch (s) {
      case "send" -> Type.SEND;
      case "publish" -> Type.PUBLISH;
      case "register" -> Type.REGISTER;
      case "unregister" -> Type.UNREGISTER;
      case "ping" -> Type.PING;
      default -> null;
    };
  }

  private static boolean isAddress(Object value, int maxChars) {
    return value instanceof String s && !s.isEmpty() && s.length() <= maxChars;
  }

  /** Headers are an object of strings, numbers or booleans (what the event bus can carry as text). */
  private static JsonObject headers(Object value, String answerTo) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject headers)) {
      throw new Malformed("invalid_headers", "headers: expected an object", answerTo);
    }
    for (Map.Entry<String, Object> entry : headers) {
      Object v = entry.getValue();
      if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
        throw new Malformed("invalid_headers", "headers." + entry.getKey() + ": expected a string, number or boolean", answerTo);
      }
    }
    return headers;
  }

  /**
   * A frame whose envelope is wrong. {@code answerTo} is the address its answer goes to when the frame
   * named one the client listens on (its reply address, or the address it tried to register); null
   * means the answer is an address-less {@code err} frame.
   */
  static final class Malformed extends RuntimeException {

    final String reason;
    final String answerTo;

    Malformed(String reason, String message, String answerTo) {
      super(message, null, false, false);
      this.reason = reason;
      this.answerTo = answerTo;
    }

    Failure failure() {
      return Failure.badRequest(getMessage());
    }
  }
}
