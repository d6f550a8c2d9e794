package io.topicbus.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole, validated configuration (SPEC section 6), read once into typed sections. Layers are
 * applied lowest first: the defaults in the jar ({@code conf/config.json}), a config file, env vars,
 * {@code -Dtopicbus.*} properties. Every key must be known and every value in range; otherwise
 * {@link ConfigException} names the key and what it accepts.
 */
public final class TopicBusConfig {

  static final String DEFAULTS_RESOURCE = "conf/config.json";
  static final String ENV_PREFIX = "TOPICBUS_";
  static final String SYS_PREFIX = "topicbus.";

  private final Map<String, Object> values;

  public final HttpConfig http;
  public final String busPrefix;
  public final StorageConfig storage;
  public final LimitsConfig limits;
  public final SubscriptionsConfig subscriptions;
  public final InventoryConfig inventory;
  public final BridgeConfig bridge;
  public final ClusterConfig cluster;

  private TopicBusConfig(Map<String, Object> values) {
    this.values = values;
    http = new HttpConfig(str("http.host"), integer("http.port"), list("http.allowedOrigins"), str("http.authToken"));
    busPrefix = str("bus.prefix");
    storage = new StorageConfig(
        StorageConfig.Mode.valueOf(upper("storage.mode")), str("storage.dir"), lng("storage.segmentBytes"),
        lng("storage.retentionMs"), lng("storage.retentionBytes"), StorageConfig.Fsync.valueOf(upper("storage.fsync")),
        integer("storage.fsyncIntervalMs"), lng("storage.dedupWindowMs"),
        StorageConfig.Compression.valueOf(upper("storage.compression")));
    limits = new LimitsConfig(integer("limits.maxMessageBytes"), integer("limits.maxTopics"),
        integer("limits.maxSubscriptions"), integer("limits.subscriberQueue"));
    subscriptions = new SubscriptionsConfig(lng("subscriptions.idleTimeoutMs"), integer("subscriptions.ackTimeoutMs"),
        integer("subscriptions.maxAttempts"), integer("subscriptions.retryBackoffMs"),
        integer("subscriptions.retryBackoffMaxMs"), integer("subscriptions.breakerFailures"),
        integer("subscriptions.breakerResetMs"));
    inventory = new InventoryConfig(integer("inventory.instances"), lng("inventory.lowStockThreshold"));
    bridge = new BridgeConfig(list("bridge.publishAllow"), list("bridge.subscribeAllow"),
        integer("bridge.maxSubscriptionsPerSocket"));
    cluster = new ClusterConfig((Boolean) values.get("cluster.enabled"), str("cluster.config"),
        ClusterConfig.Role.valueOf(upper("cluster.role")));
    if (subscriptions.retryBackoffMaxMs() < subscriptions.retryBackoffMs()) {
      throw new ConfigException("config: subscriptions.retryBackoffMaxMs must be at least subscriptions.retryBackoffMs ("
          + subscriptions.retryBackoffMs() + ")");
    }
  }

  /** The defaults alone. */
  public static TopicBusConfig defaults() {
    return from(new JsonObject());
  }

  /**
   * The defaults overlaid with one JSON object, nested ({@code {"http": {"port": 1}}}) or flat
   * ({@code {"http.port": 1}}): what a verticle deployed inside another application receives.
   */
  public static TopicBusConfig from(JsonObject config) {
    return fromLayers(config, Map.of(), Map.of());
  }

  /**
   * All layers: {@code file} (a JSON object, may be empty), env vars and system properties (the whole
   * maps; only {@code TOPICBUS_*} and {@code topicbus.*} entries are read).
   */
  public static TopicBusConfig fromLayers(JsonObject file, Map<String, String> env, Map<String, String> sys) {
    Map<String, Object> values = new LinkedHashMap<>();
    applyJson(values, flatten(readDefaults()), "conf/config.json in the jar");
    applyJson(values, flatten(file), "the config file");
    env.forEach((name, text) -> {
      if (name.toUpperCase(Locale.ROOT).startsWith(ENV_PREFIX) && !name.equalsIgnoreCase(ConfigLoader.CONFIG_ENV)) {
        Setting setting = byEnvName(name);
        values.put(setting.key, setting.fromText(text));
      }
    });
    sys.forEach((name, text) -> {
      if (name.startsWith(SYS_PREFIX)) {
        Setting setting = byKey(name.substring(SYS_PREFIX.length()), "-D" + name);
        values.put(setting.key, setting.fromText(text));
      }
    });
    for (Setting setting : Settings.ALL.values()) {
      if (!values.containsKey(setting.key) && !setting.optional()) {
        throw new ConfigException("config: " + setting.key + " is missing; expected " + setting.accepted());
      }
    }
    return new TopicBusConfig(values);
  }

  /** The flat form ({@code "http.port": 8080, ...}), which {@link #from(JsonObject)} reads back unchanged. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    values.forEach((key, value) -> json.put(key, value instanceof List<?> l ? new JsonArray(List.copyOf(l)) : value));
    return json;
  }

  /** A copy with some keys changed (flat or nested JSON), validated like any other layer. */
  public TopicBusConfig with(JsonObject overrides) {
    JsonObject merged = toJson();
    flatten(overrides).forEach(merged::put);
    return from(merged);
  }

  private static void applyJson(Map<String, Object> values, Map<String, Object> flat, String source) {
    flat.forEach((key, raw) -> {
      Setting setting = byKey(key, key + " (in " + source + ")");
      values.put(setting.key, setting.fromJson(raw));
    });
  }

  private static Setting byKey(String key, String shownAs) {
    Setting setting = Settings.ALL.get(key);
    if (setting == null) {
      for (Setting candidate : Settings.ALL.values()) {
        if (candidate.key.equalsIgnoreCase(key)) {
          return candidate;
        }
      }
      throw unknown(shownAs);
    }
    return setting;
  }

  private static Setting byEnvName(String name) {
    for (Setting candidate : Settings.ALL.values()) {
      if (candidate.envName().equalsIgnoreCase(name)) {
        return candidate;
      }
    }
    throw unknown(name);
  }

  private static ConfigException unknown(String shownAs) {
    return new ConfigException("config: unknown key " + shownAs + "; known keys: " + String.join(", ", Settings.ALL.keySet()));
  }

  /** Nested objects become dotted keys; arrays and scalars are values. */
  static Map<String, Object> flatten(JsonObject json) {
    Map<String, Object> flat = new LinkedHashMap<>();
    flattenInto("", json, flat);
    return flat;
  }

  private static void flattenInto(String prefix, JsonObject json, Map<String, Object> flat) {
    for (Map.Entry<String, Object> entry : json) {
      String key = prefix + entry.getKey();
      if (entry.getValue() instanceof JsonObject nested) {
        flattenInto(key + ".", nested, flat);
      } else {
        flat.put(key, entry.getValue());
      }
    }
  }

  private static JsonObject readDefaults() {
    try (InputStream in = TopicBusConfig.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new ConfigException("config: " + DEFAULTS_RESOURCE + " is missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("config: cannot read " + DEFAULTS_RESOURCE + " from the classpath: " + e.getMessage());
    }
  }

  private String str(String key) {
    return (String) values.get(key);
  }

  private String upper(String key) {
    return str(key).toUpperCase(Locale.ROOT);
  }

  private int integer(String key) {
    return (Integer) values.get(key);
  }

  private long lng(String key) {
    return (Long) values.get(key);
  }

  @SuppressWarnings("unchecked")
  private List<String> list(String key) {
    return (List<String>) values.get(key);
  }

  @Override
  public String toString() {
    JsonObject shown = toJson();
    if (shown.getValue("http.authToken") != null) {
      shown.put("http.authToken", "***");
    }
    return shown.encode();
  }
}
