package io.topicbus.inventory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Where stock changes are recorded before anyone is told about them (event sourcing): the stock
 * is whatever the journal holds. {@link TopicBusJournal} is the real one; tests bring fakes that
 * fail or stall on purpose.
 */
interface Journal {

  /**
   * Stores one commit's events ({@link StockEvents} messages of one sku, in order) with one append.
   * Succeeds only once the {@code changed} events are stored; fails when they are not (then none
   * of them is: they share one topic, and a topic's part of a batch is all-or-nothing).
   */
  Future<Void> record(List<JsonObject> messages);
}
