package io.topicbus.broker;

import io.topicbus.api.Failure;
import io.topicbus.api.Fields;
import io.topicbus.config.SubscriptionsConfig;
import io.topicbus.filter.Filter;
import io.topicbus.filter.FilterException;
import io.topicbus.topic.Pattern;
import io.topicbus.topic.TopicName;
import io.vertx.core.json.JsonObject;

/** A validated {@code subscribe} request (SPEC section 3): what to match, where to deliver, how to ack. */
record SubscribeRequest(Pattern pattern, String address, Filter filter, String group, Start from, AckMode ack,
                        int maxInFlight, int maxAttempts, int ackTimeoutMs) {

  static final int MAX_ADDRESS = 1024;

  enum AckMode { AUTO, NONE }

  /**
   * @param servicePrefixes addresses that must not receive deliveries (the broker's and the inventory's
   *                        own request addresses: delivering there would loop or change stock)
   */
  static SubscribeRequest parse(JsonObject body, SubscriptionsConfig defaults, String clientPrefix,
                                String... servicePrefixes) {
    String patternText = Fields.requiredString(body, "pattern", 1000);
    String problem = Pattern.problem(patternText);
    if (problem != null) {
      throw Failure.badField("pattern", problem);
    }
    String address = Fields.requiredString(body, "address", MAX_ADDRESS);
    if (!address.startsWith(clientPrefix)) {
      for (String prefix : servicePrefixes) {
        if (address.startsWith(prefix)) {
          throw Failure.badField("address", "must not be a service address (" + prefix + "*)");
        }
      }
    }
    Filter filter = filter(body.getValue("filter"));
    String group = Fields.optionalString(body, "group", 64);
    if (group != null && !TopicName.isValidSegment(group)) {
      throw Failure.badField("group", "must be 1..64 chars of [A-Za-z0-9_-]");
    }
    Start from = Start.parse(body.getValue("from"), Start.LATEST);
    AckMode ack = ackMode(body.getValue("ack"));
    int maxInFlight = (int) Fields.optionalLong(body, "maxInFlight", 1, 1000, 1);
    int maxAttempts = (int) Fields.optionalLong(body, "maxAttempts", 1, 100, defaults.maxAttempts());
    int ackTimeoutMs = (int) Fields.optionalLong(body, "ackTimeoutMs", 100, 300_000, defaults.ackTimeoutMs());
    return new SubscribeRequest(Pattern.parse(patternText), address, filter, group, from, ack, maxInFlight,
        maxAttempts, ackTimeoutMs);
  }

  String filterText() {
    return filter == null ? null : filter.text();
  }

  private static Filter filter(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw Failure.badField("filter", "expected a string");
    }
    if (text.isBlank()) {
      return null;
    }
    try {
      return Filter.compile(text);
    } catch (FilterException e) {
      throw Failure.badRequest(e.getMessage());
    }
  }

  private static AckMode ackMode(Object value) {
    if (value == null || "auto".equals(value)) {
      return AckMode.AUTO;
    }
    if ("none".equals(value)) {
      return AckMode.NONE;
    }
    throw Failure.badField("ack", "expected \"auto\" or \"none\"");
  }
}
