package io.topicbus.config;

import io.topicbus.topic.Pattern;

import java.util.LinkedHashMap;
import java.util.Map;

/** The table of SPEC section 6: every config key TopicBus knows, with what it accepts. */
final class Settings {

  static final Map<String, Setting> ALL = new LinkedHashMap<>();

  static {
    add(Setting.string("http.host"));
    add(Setting.integer("http.port", 0, 65535));
    add(Setting.list("http.allowedOrigins", Settings::originProblem));
    add(Setting.optionalString("http.authToken"));
    add(Setting.string("bus.prefix"));
    add(Setting.choice("storage.mode", "file", "memory"));
    add(Setting.string("storage.dir"));
    add(Setting.longValue("storage.segmentBytes", 4096, 1L << 30, false));
    add(Setting.longValue("storage.retentionMs", 1, Long.MAX_VALUE / 4, true));
    add(Setting.longValue("storage.retentionBytes", 1, Long.MAX_VALUE / 4, true));
    add(Setting.choice("storage.fsync", "always", "interval", "never"));
    add(Setting.integer("storage.fsyncIntervalMs", 1, 60_000));
    add(Setting.longValue("storage.dedupWindowMs", 0, 7L * 24 * 3600 * 1000, false));
    add(Setting.choice("storage.compression", "none", "gzip"));
    add(Setting.integer("limits.maxMessageBytes", 1024, 64 * 1024 * 1024));
    add(Setting.integer("limits.maxTopics", 1, 10_000_000));
    add(Setting.integer("limits.maxSubscriptions", 1, 10_000_000));
    add(Setting.integer("limits.subscriberQueue", 1, 1_000_000));
    add(Setting.longValue("subscriptions.idleTimeoutMs", 100, 7L * 24 * 3600 * 1000, false));
    add(Setting.integer("subscriptions.ackTimeoutMs", 100, 300_000));
    add(Setting.integer("subscriptions.maxAttempts", 1, 100));
    add(Setting.integer("subscriptions.retryBackoffMs", 1, 3_600_000));
    add(Setting.integer("subscriptions.retryBackoffMaxMs", 1, 3_600_000));
    add(Setting.integer("subscriptions.breakerFailures", 1, 10_000));
    add(Setting.integer("subscriptions.breakerResetMs", 10, 3_600_000));
    add(Setting.integer("inventory.instances", 1, 256));
    add(Setting.longValue("inventory.lowStockThreshold", 0, 1_000_000_000_000L, false));
    add(Setting.list("bridge.publishAllow", Pattern::problem));
    add(Setting.list("bridge.subscribeAllow", Pattern::problem));
    add(Setting.integer("bridge.maxSubscriptionsPerSocket", 1, 10_000));
    add(Setting.bool("cluster.enabled"));
    add(Setting.string("cluster.config"));
    add(Setting.choice("cluster.role", "auto", "broker", "client"));
  }

  private Settings() {
  }

  private static void add(Setting setting) {
    ALL.put(setting.key, setting);
  }

  private static String originProblem(String origin) {
    if (origin.equals("*")) {
      return null;
    }
    if (!origin.matches("https?://[A-Za-z0-9.\\-\\[\\]:]+")) {
      return "an origin is scheme://host[:port], e.g. https://console.example.com, or *";
    }
    return null;
  }
}
