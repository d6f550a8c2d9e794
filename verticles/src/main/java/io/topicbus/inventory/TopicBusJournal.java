package io.topicbus.inventory;

import io.topicbus.api.Failure;
import io.topicbus.broker.LocalBroker;
import io.topicbus.client.TopicBusClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.Future;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The journal on TopicBus itself: one {@code publishBatch} per commit, so a commit costs one append
 * (and one fsync with file storage) however many changes it carries. On the broker's node (where
 * SPEC section 9 puts the inventory) it goes straight to the {@link LocalBroker}; elsewhere over
 * the event bus. A {@code changed} event that was not stored fails the commit; a {@code low} alert
 * that was not stored is logged and dropped, since the stock itself is safe in the {@code changed} topic.
 */
final class TopicBusJournal implements Journal {

  private static final Logger log = LoggerFactory.getLogger(TopicBusJournal.class);

  private final Function<List<JsonObject>, Future<JsonArray>> publishBatch;

  /** Over the event bus. */
  TopicBusJournal(TopicBusClient client) {
    this.publishBatch = client::publishBatch;
  }

  /** Through the broker of this Vert.x instance while there is one (looked up per commit), else over the event bus. */
  static TopicBusJournal forNode(Vertx vertx, TopicBusClient client) {
    return new TopicBusJournal(messages -> {
      LocalBroker local = LocalBroker.of(vertx);
      return local != null ? local.publishBatch(new JsonArray(new ArrayList<>(messages))) : client.publishBatch(messages);
    });
  }

  private TopicBusJournal(Function<List<JsonObject>, Future<JsonArray>> publishBatch) {
    this.publishBatch = publishBatch;
  }

  @Override
  public Future<Void> record(List<JsonObject> messages) {
    return publishBatch.apply(messages).compose(results -> {
      for (int i = 0; i < results.size(); i++) {
        JsonObject error = results.getJsonObject(i).getJsonObject("error");
        if (error == null) {
          continue;
        }
        JsonObject message = messages.get(i);
        if (StockEvents.isChanged(message)) {
          return Future.failedFuture(new Failure(error.getInteger("code", Failure.INTERNAL),
              error.getString("message")));
        }
        log.warn("low-stock alert on " + message.getString("topic") + " was not stored: " + error.getString("message"));
      }
      return Future.succeededFuture();
    });
  }
}
