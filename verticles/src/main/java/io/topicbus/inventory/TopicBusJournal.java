package io.topicbus.inventory;

import io.topicbus.api.Failure;
import io.topicbus.client.TopicBusClient;
import io.vertx.core.Future;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The journal on TopicBus itself: one {@code topicbus.publishBatch} per commit, so a commit costs
 * one append (and one fsync with file storage) however many changes it carries. A {@code changed}
 * event that was not stored fails the commit; a {@code low} alert that was not stored is logged
 * and dropped, since the stock itself is safe in the {@code changed} topic.
 */
final class TopicBusJournal implements Journal {

  private static final Logger log = LoggerFactory.getLogger(TopicBusJournal.class);

  private final TopicBusClient client;

  TopicBusJournal(TopicBusClient client) {
    this.client = client;
  }

  @Override
  public Future<Void> record(List<JsonObject> messages) {
    return client.publishBatch(messages).compose(results -> {
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
