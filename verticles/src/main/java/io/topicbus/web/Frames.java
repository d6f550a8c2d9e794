package io.topicbus.web;

import io.topicbus.api.Failure;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The outbound frames of the bridge protocol. {@code rec} carries a message to an address the client
 * listens on (an inbox, or the reply address of its request). A failure is an {@code err} frame: with
 * an {@code address} the official client routes it to that handler or reply callback as
 * {@code {failureCode, failureType, message}}; without one it reaches the client's {@code onerror}.
 */
final class Frames {

  static final String RECIPIENT_FAILURE = "RECIPIENT_FAILURE";

  private Frames() {
  }

  static String rec(String address, Object body, MultiMap headers, String replyAddress) {
    JsonObject frame = new JsonObject().put("type", "rec").put("address", address).put("body", body);
    if (replyAddress != null) {
      frame.put("replyAddress", replyAddress);
    }
    if (headers != null && !headers.isEmpty()) {
      JsonObject copy = new JsonObject();
      for (String name : headers.names()) {
        List<String> values = headers.getAll(name);
        copy.put(name, values.size() == 1 ? values.get(0) : values);
      }
      frame.put("headers", copy);
    }
    return frame.encode();
  }

  /** A failure routed to {@code address}. */
  static String failure(String address, Failure failure, String failureType) {
    return new JsonObject().put("type", "err").put("address", address).put("failureCode", failure.code())
        .put("failureType", failureType).put("message", failure.getMessage()).encode();
  }

  /** A failure with nowhere to route it; {@code reason} is a short code, as the stock bridge's {@code body}. */
  static String error(String reason, Failure failure) {
    return new JsonObject().put("type", "err").put("body", reason).put("failureCode", failure.code())
        .put("failureType", RECIPIENT_FAILURE).put("message", failure.getMessage()).encode();
  }

  /** The failure type to report for an event bus failure: its own (TIMEOUT, NO_HANDLERS) or RECIPIENT_FAILURE. */
  static String failureType(Throwable cause) {
    if (cause instanceof ReplyException reply) {
      return reply.failureType().name();
    }
    return RECIPIENT_FAILURE;
  }
}
