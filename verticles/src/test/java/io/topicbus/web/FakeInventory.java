package io.topicbus.web;

import io.topicbus.api.Failure;
import io.topicbus.api.Fields;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test stand-in for the inventory service (built on another branch): answers the SPEC section 4
 * addresses from a map and publishes {@code inventory.<sku>.changed} on TopicBus, so the HTTP layer,
 * the bridge and the console can be tested against the contract alone.
 */
final class FakeInventory {

  private final Vertx vertx;
  private final Map<String, Long> stock = new TreeMap<>();
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  /** Added to every answer, to test slow services. */
  private volatile long delayMs;

  private FakeInventory(Vertx vertx) {
    this.vertx = vertx;
  }

  static FakeInventory register(Vertx vertx) {
    FakeInventory inventory = new FakeInventory(vertx);
    inventory.on("add", body -> inventory.change(body, +1));
    inventory.on("remove", body -> inventory.change(body, -1));
    inventory.on("check", body -> {
      String sku = Fields.requiredString(body, "sku", 64);
      return Future.succeededFuture(new JsonObject().put("sku", sku).put("available", inventory.stock.getOrDefault(sku, 0L)));
    });
    inventory.on("list", body -> {
      JsonArray items = new JsonArray();
      inventory.stock.forEach((sku, n) -> items.add(new JsonObject().put("sku", sku).put("available", n)));
      return Future.succeededFuture(new JsonObject().put("items", items));
    });
    inventory.on("batch", body -> Future.succeededFuture(new JsonObject().put("results", new JsonArray())));
    return inventory;
  }

  FakeInventory delay(long ms) {
    this.delayMs = ms;
    return this;
  }

  void unregister() {
    consumers.forEach(MessageConsumer::unregister);
  }

  private Future<JsonObject> change(JsonObject body, int sign) {
    String sku = Fields.requiredString(body, "sku", 64);
    long qty = Fields.requiredLong(body, "qty", 1, 1_000_000_000);
    long now = stock.getOrDefault(sku, 0L);
    long next = now + sign * qty;
    if (next < 0) {
      throw Failure.conflict("insufficient stock for " + sku + " (" + now + " available)");
    }
    stock.put(sku, next);
    JsonObject event = new JsonObject().put("sku", sku).put("available", next).put("delta", sign * qty)
        .put("op", sign > 0 ? "add" : "remove");
    return vertx.eventBus().<JsonObject>request("topicbus.publish",
            new JsonObject().put("topic", "inventory." + sku + ".changed").put("payload", event))
        .map(published -> new JsonObject().put("sku", sku).put("available", next));
  }

  private void on(String operation, java.util.function.Function<JsonObject, Future<JsonObject>> handler) {
    consumers.add(vertx.eventBus().consumer("inventory." + operation, (Message<Object> message) -> {
      Future<JsonObject> reply;
      try {
        reply = handler.apply(Fields.body(message.body()));
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onComplete(ar -> vertx.setTimer(Math.max(1, delayMs), t -> {
        if (ar.succeeded()) {
          message.reply(ar.result());
        } else {
          Failure.of(ar.cause()).replyTo(message);
        }
      }));
    }));
  }
}
