package io.topicbus.broker;

import io.topicbus.api.Failure;
import io.topicbus.api.Fields;
import io.topicbus.log.TopicLog;
import io.vertx.core.json.JsonObject;

/**
 * Where reading a topic begins ({@code from} in SPEC section 3): {@code "latest"}, {@code "earliest"},
 * {@code {"offset": n}} or {@code {"timestamp": ms}}.
 */
record Start(Kind kind, long value) {

  enum Kind { LATEST, EARLIEST, OFFSET, TIMESTAMP }

  static final Start LATEST = new Start(Kind.LATEST, 0);
  static final Start EARLIEST = new Start(Kind.EARLIEST, 0);

  static Start parse(Object from, Start fallback) {
    if (from == null) {
      return fallback;
    }
    if ("latest".equals(from)) {
      return LATEST;
    }
    if ("earliest".equals(from)) {
      return EARLIEST;
    }
    if (from instanceof JsonObject json && json.size() == 1) {
      if (json.containsKey("offset")) {
        return new Start(Kind.OFFSET, Fields.requiredLong(json, "offset", 0, Long.MAX_VALUE));
      }
      if (json.containsKey("timestamp")) {
        return new Start(Kind.TIMESTAMP, Fields.requiredLong(json, "timestamp", 0, Long.MAX_VALUE));
      }
    }
    throw Failure.badField("from",
        "expected \"latest\", \"earliest\", {\"offset\": n} or {\"timestamp\": ms}");
  }

  /** The offset this start names in {@code log}; the timestamp form may block (file index lookup). */
  long resolve(TopicLog log) {
    return switch (kind) {
      case LATEST -> log.nextOffset();
      case EARLIEST -> log.firstOffset();
      case OFFSET -> Math.max(value, log.firstOffset());
      case TIMESTAMP -> log.offsetForTimestamp(value);
    };
  }

  /** True when resolving needs no I/O, so it may run on an event loop. */
  boolean resolvesWithoutIo() {
    return kind != Kind.TIMESTAMP;
  }
}
