package io.topicbus.inventory;

import io.topicbus.broker.BrokerVerticle;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.topicbus.log.LogStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: a real broker (memory storage unless told otherwise) and the inventory service over
 * it, on a real event bus, plus bounded waits and small request helpers for the test thread.
 */
final class Inventories {

  private Inventories() {
  }

  static JsonObject config(int instances, JsonObject overrides) {
    ExactNumbers.install();
    JsonObject base = new JsonObject().put("storage.mode", "memory").put("inventory.instances", instances);
    return TopicBusConfig.defaults().with(base).with(overrides).toJson();
  }

  /** Deploys a broker (over {@code store} when given) and then the inventory; the future holds the inventory's id. */
  static Future<String> deploy(Vertx vertx, int instances, JsonObject overrides, LogStore store) {
    JsonObject config = config(instances, overrides);
    return vertx.deployVerticle(new BrokerVerticle(store), new DeploymentOptions().setConfig(config))
        .compose(broker -> deployInventory(vertx, instances, overrides));
  }

  static Future<String> deploy(Vertx vertx, int instances) {
    return deploy(vertx, instances, new JsonObject(), null);
  }

  static Future<String> deployInventory(Vertx vertx, int instances, JsonObject overrides) {
    return vertx.deployVerticle(new InventoryService(), new DeploymentOptions().setConfig(config(instances, overrides)));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError("future did not complete in time", e);
    }
  }

  /** What a future failed with, or null when it succeeded. */
  static Throwable cause(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("future did not complete in time", e);
    }
  }

  /** The failure a request ended with; an AssertionError when it succeeded. */
  static ReplyException failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ReplyException reply) {
        return reply;
      }
      throw new AssertionError("expected a ReplyException", e.getCause());
    } catch (Exception e) {
      throw new AssertionError("future did not complete in time", e);
    }
    throw new AssertionError("expected a failure, got success");
  }

  static Future<JsonObject> request(Vertx vertx, String address, Object body) {
    return vertx.eventBus().<JsonObject>request(address, body, new DeliveryOptions().setSendTimeout(60_000))
        .map(Message::body);
  }

  static Future<JsonObject> add(Vertx vertx, String sku, long qty) {
    return request(vertx, "inventory.add", new JsonObject().put("sku", sku).put("qty", qty));
  }

  static Future<JsonObject> remove(Vertx vertx, String sku, long qty) {
    return request(vertx, "inventory.remove", new JsonObject().put("sku", sku).put("qty", qty));
  }

  static long available(Vertx vertx, String sku) {
    return await(request(vertx, "inventory.check", new JsonObject().put("sku", sku))).getLong("available");
  }

  static JsonArray list(Vertx vertx) {
    return await(request(vertx, "inventory.list", new JsonObject())).getJsonArray("items");
  }

  /** Every payload on a topic, from the start, read in pages; empty when the topic does not exist. */
  static List<JsonObject> payloads(Vertx vertx, String topic) {
    List<JsonObject> out = new ArrayList<>();
    long from = 0;
    while (true) {
      JsonObject reply;
      try {
        reply = await(request(vertx, "topicbus.read",
            new JsonObject().put("topic", topic).put("from", new JsonObject().put("offset", from)).put("limit", 1000)));
      } catch (ReplyException e) {
        if (e.failureCode() == 404) {
          return out;
        }
        throw e;
      }
      JsonArray messages = reply.getJsonArray("messages");
      if (messages.isEmpty()) {
        return out;
      }
      for (int i = 0; i < messages.size(); i++) {
        out.add(messages.getJsonObject(i).getJsonObject("payload"));
      }
      from = reply.getLong("next");
    }
  }

  static List<String> topicNames(Vertx vertx) {
    JsonArray topics = await(request(vertx, "topicbus.topics", new JsonObject())).getJsonArray("topics");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < topics.size(); i++) {
      names.add(topics.getJsonObject(i).getString("name"));
    }
    return names;
  }
}
