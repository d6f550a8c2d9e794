package io.topicbus.inventory;

import io.topicbus.client.PublishOptions;
import io.topicbus.client.TopicBusClient;
import io.topicbus.topic.TopicName;
import io.vertx.core.json.JsonObject;

/**
 * The inventory's vocabulary on TopicBus (SPEC section 4): {@code inventory.<sku>.changed}
 * {@code {sku, available, delta, op}} after every change and {@code inventory.<sku>.low}
 * {@code {sku, available, threshold}} on a drop below the threshold. The {@code changed} topics are
 * also the stock's journal: the last record of each holds that sku's stock. Events are keyed by
 * sku, so a consumer group keeps each sku's events on one member, in order.
 */
final class StockEvents {

  private static final String PREFIX = "inventory.";
  private static final String CHANGED = ".changed";
  private static final String LOW = ".low";

  private StockEvents() {
  }

  static String changedTopic(String sku) {
    return PREFIX + sku + CHANGED;
  }

  static String lowTopic(String sku) {
    return PREFIX + sku + LOW;
  }

  /** The sku of an {@code inventory.<sku>.changed} topic, or null for any other topic. */
  static String skuOfChangedTopic(String topic) {
    if (!topic.startsWith(PREFIX) || !topic.endsWith(CHANGED)) {
      return null;
    }
    int end = topic.length() - CHANGED.length();
    if (end <= PREFIX.length()) {
      return null;
    }
    String sku = topic.substring(PREFIX.length(), end);
    return TopicName.isValidSegment(sku) ? sku : null;
  }

  /** A {@code publishBatch} message for a change; {@code delta} is signed (+qty or -qty). */
  static JsonObject changed(String sku, long available, long delta) {
    JsonObject payload = new JsonObject()
        .put("sku", sku)
        .put("available", available)
        .put("delta", delta)
        .put("op", delta > 0 ? Op.ADD.wire : Op.REMOVE.wire);
    return TopicBusClient.message(changedTopic(sku), payload, keyed(sku));
  }

  /** A {@code publishBatch} message for a drop from at or above {@code threshold} to below it. */
  static JsonObject low(String sku, long available, long threshold) {
    JsonObject payload = new JsonObject()
        .put("sku", sku)
        .put("available", available)
        .put("threshold", threshold);
    return TopicBusClient.message(lowTopic(sku), payload, keyed(sku));
  }

  static boolean isChanged(JsonObject message) {
    return message.getString("topic", "").endsWith(CHANGED);
  }

  private static PublishOptions keyed(String sku) {
    return new PublishOptions().setKey(sku);
  }
}
