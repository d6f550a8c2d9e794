package io.topicbus.inventory;

import io.topicbus.api.Failure;
import io.topicbus.api.Fields;
import io.topicbus.client.TopicBusClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Rebuilds the stock from the journal at start-up, before the pool takes any job. Every
 * {@code changed} event carries the sku's absolute stock, so the last record of each
 * {@code inventory.<sku>.changed} topic is that sku's whole state: start-up reads one record per
 * sku, however long the history. (Retention never drops a topic's last record: logs drop whole old
 * segments, never the one being written.) Reads run a few at a time, on the caller's context.
 */
final class StockRecovery {

  private static final int PARALLEL_READS = 16;

  private final TopicBusClient client;
  private final Stock stock;
  private final Deque<JsonObject> toRead = new ArrayDeque<>();
  private final Promise<Integer> done = Promise.promise();
  private int running;
  private int restored;

  private StockRecovery(TopicBusClient client, Stock stock) {
    this.client = client;
    this.stock = stock;
  }

  /** Restores every sku the journal holds into {@code stock}; the future holds how many. */
  static Future<Integer> rebuild(TopicBusClient client, Stock stock) {
    StockRecovery recovery = new StockRecovery(client, stock);
    return client.topics().compose(reply -> recovery.readAll(reply.getJsonArray("topics")));
  }

  private Future<Integer> readAll(JsonArray topics) {
    for (int i = 0; i < topics.size(); i++) {
      JsonObject topic = topics.getJsonObject(i);
      if (StockEvents.skuOfChangedTopic(topic.getString("name")) != null
          && topic.getLong("nextOffset") > topic.getLong("firstOffset")) {
        toRead.add(topic);
      }
    }
    if (toRead.isEmpty()) {
      done.complete(0);
    }
    while (running < PARALLEL_READS && !toRead.isEmpty()) {
      readNext();
    }
    return done.future();
  }

  private void readNext() {
    JsonObject topic = toRead.poll();
    running++;
    String name = topic.getString("name");
    long last = topic.getLong("nextOffset") - 1;
    client.read(name, new JsonObject().put("offset", last), 1)
        .compose(reply -> restore(name, last, reply))
        .onComplete(ar -> {
          running--;
          if (done.future().isComplete()) {
            return;
          }
          if (ar.failed()) {
            done.fail(Failure.unavailable("inventory: cannot rebuild stock from " + name + "@" + last + ": "
                + Failure.of(ar.cause()).getMessage()));
          } else if (!toRead.isEmpty()) {
            readNext();
          } else if (running == 0) {
            done.complete(restored);
          }
        });
  }

  /** A record that does not hold a valid stock figure stops start-up: guessing would lose stock. */
  private Future<Void> restore(String topic, long offset, JsonObject reply) {
    JsonArray messages = reply.getJsonArray("messages");
    if (messages == null || messages.isEmpty()) {
      return Future.failedFuture(Failure.internal("its last record is not readable"));
    }
    JsonObject message = messages.getJsonObject(0);
    String sku = StockEvents.skuOfChangedTopic(topic);
    Object payload = message.getValue("payload");
    if (message.getLong("offset", -1L) != offset || !(payload instanceof JsonObject event)
        || !sku.equals(event.getValue("sku"))) {
      return Future.failedFuture(Failure.internal("its last record is not a stock change: " + message.encode()));
    }
    long available;
    try {
      available = Fields.integer(event.getValue("available"), "available", 0, SkuState.MAX_STOCK);
    } catch (Failure impossible) {
      return Future.failedFuture(Failure.internal("its last record holds no valid stock: " + impossible.getMessage()));
    }
    stock.restore(sku, available);
    restored++;
    return Future.succeededFuture();
  }
}
