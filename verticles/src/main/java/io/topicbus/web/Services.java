package io.topicbus.web;

import io.topicbus.api.Failure;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The HTTP layer's only way to the broker and the inventory: requests to their SPEC addresses on the
 * event bus, so it works the same when they run on another node. Every outcome is a JSON object or
 * a {@link Failure} with its SPEC code (nobody listening or no answer in time is a 503).
 */
final class Services {

  /**
   * Like {@code TopicBusClient}: when the broker (perhaps on another node) cannot be reached, requests
   * fail with 503 within 5 s instead of hanging (SPEC section 9); a stored publish takes milliseconds.
   */
  static final long REQUEST_TIMEOUT_MS = 4_500;
  /** {@code inventory.batch} may run for its own {@code timeoutMs} (at most 60 s) before it answers. */
  static final long BATCH_TIMEOUT_MS = 65_000;
  static final String INVENTORY = "inventory.";

  final String prefix;
  private final EventBus bus;

  Services(EventBus bus, String prefix) {
    this.bus = bus;
    this.prefix = prefix;
  }

  /** {@code <prefix>.<operation>}, e.g. {@code topicbus.publish}. */
  String topicbus(String operation) {
    return prefix + "." + operation;
  }

  /** Where browsers' inboxes live: only these addresses are delivered to bridge sockets. */
  String clientPrefix() {
    return prefix + ".client.";
  }

  /** The addresses browsers may call (SPEC section 5, bridge rules). */
  List<String> bridgeAddresses() {
    return List.of(topicbus("publish"), topicbus("publishBatch"), topicbus("subscribe"), topicbus("unsubscribe"),
        topicbus("topics"), topicbus("read"), INVENTORY + "add", INVENTORY + "remove", INVENTORY + "check",
        INVENTORY + "list", INVENTORY + "batch");
  }

  Future<JsonObject> request(String address, Object body) {
    return request(address, body, null);
  }

  Future<JsonObject> request(String address, Object body, MultiMap headers) {
    return request(address, body, headers, timeoutFor(address));
  }

  Future<JsonObject> request(String address, Object body, MultiMap headers, long timeoutMs) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs);
    if (headers != null) {
      options.setHeaders(headers);
    }
    return bus.<Object>request(address, body, options)
        .recover(e -> Future.failedFuture(Failure.of(e)))
        .compose(Services::objectReply);
  }

  static long timeoutFor(String address) {
    return address.equals(INVENTORY + "batch") ? BATCH_TIMEOUT_MS : REQUEST_TIMEOUT_MS;
  }

  private static Future<JsonObject> objectReply(Message<Object> reply) {
    if (reply.body() instanceof JsonObject json) {
      return Future.succeededFuture(json);
    }
    return Future.failedFuture(Failure.internal("service replied with a non-object ("
        + (reply.body() == null ? "null" : reply.body().getClass().getSimpleName()) + ")"));
  }
}
