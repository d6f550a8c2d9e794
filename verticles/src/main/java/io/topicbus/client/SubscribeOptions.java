package io.topicbus.client;

import io.vertx.core.json.JsonObject;

/** Subscribe options of SPEC section 3; unset ones take the broker's defaults. */
public final class SubscribeOptions {

  private String filter;
  private String group;
  private Object from;
  private boolean ackNone;
  private Integer maxInFlight;
  private Integer maxAttempts;
  private Integer ackTimeoutMs;

  public SubscribeOptions setFilter(String filter) {
    this.filter = filter;
    return this;
  }

  public SubscribeOptions setGroup(String group) {
    this.group = group;
    return this;
  }

  public SubscribeOptions fromEarliest() {
    this.from = "earliest";
    return this;
  }

  public SubscribeOptions fromLatest() {
    this.from = "latest";
    return this;
  }

  public SubscribeOptions fromOffset(long offset) {
    this.from = new JsonObject().put("offset", offset);
    return this;
  }

  public SubscribeOptions fromTimestamp(long timestampMs) {
    this.from = new JsonObject().put("timestamp", timestampMs);
    return this;
  }

  /** At-most-once: deliveries are plain sends and the handler's outcome is ignored. */
  public SubscribeOptions setAckNone(boolean ackNone) {
    this.ackNone = ackNone;
    return this;
  }

  public SubscribeOptions setMaxInFlight(int maxInFlight) {
    this.maxInFlight = maxInFlight;
    return this;
  }

  public SubscribeOptions setMaxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
    return this;
  }

  public SubscribeOptions setAckTimeoutMs(int ackTimeoutMs) {
    this.ackTimeoutMs = ackTimeoutMs;
    return this;
  }

  boolean ackNone() {
    return ackNone;
  }

  JsonObject toRequest(String pattern, String address) {
    JsonObject request = new JsonObject().put("pattern", pattern).put("address", address);
    if (filter != null) {
      request.put("filter", filter);
    }
    if (group != null) {
      request.put("group", group);
    }
    if (from != null) {
      request.put("from", from);
    }
    request.put("ack", ackNone ? "none" : "auto");
    if (maxInFlight != null) {
      request.put("maxInFlight", maxInFlight);
    }
    if (maxAttempts != null) {
      request.put("maxAttempts", maxAttempts);
    }
    if (ackTimeoutMs != null) {
      request.put("ackTimeoutMs", ackTimeoutMs);
    }
    return request;
  }
}
