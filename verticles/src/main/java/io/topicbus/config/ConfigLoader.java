package io.topicbus.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the configuration layers with vertx-config: the config file named by {@code -conf} (or the
 * {@code TOPICBUS_CONFIG} env var), the {@code TOPICBUS_*} env vars and the {@code topicbus.*} system
 * properties; {@link TopicBusConfig} puts them over the jar's defaults. Runs on a short-lived Vert.x
 * instance before the real one starts, because clustering and metrics options depend on the result.
 */
public final class ConfigLoader {

  public static final String CONFIG_ENV = "TOPICBUS_CONFIG";

  private ConfigLoader() {
  }

  /** @param confFile the {@code -conf} argument, or null */
  public static Future<TopicBusConfig> load(Vertx vertx, String confFile) {
    String file = confFile != null ? confFile : System.getenv(CONFIG_ENV);
    Future<JsonObject> fileLayer = file == null ? Future.succeededFuture(new JsonObject())
        : retrieve(vertx, new ConfigStoreOptions().setType("file").setFormat("json")
            .setConfig(new JsonObject().put("path", file)))
            .recover(e -> Future.failedFuture(new ConfigException("config: cannot read config file " + file + ": "
                + rootMessage(e))));
    JsonArray envKeys = new JsonArray();
    System.getenv().keySet().stream()
        .filter(name -> name.toUpperCase(Locale.ROOT).startsWith(TopicBusConfig.ENV_PREFIX))
        .forEach(envKeys::add);
    Future<JsonObject> envLayer = envKeys.isEmpty() ? Future.succeededFuture(new JsonObject())
        : retrieve(vertx, new ConfigStoreOptions().setType("env")
            .setConfig(new JsonObject().put("raw-data", true).put("keys", envKeys)));
    Future<JsonObject> sysLayer = retrieve(vertx, new ConfigStoreOptions().setType("sys")
        .setConfig(new JsonObject().put("raw-data", true).put("hierarchical", false).put("cache", false)));
    return Future.all(fileLayer, envLayer, sysLayer).map(all ->
        TopicBusConfig.fromLayers(fileLayer.result(), strings(envLayer.result()), strings(sysLayer.result())));
  }

  private static Future<JsonObject> retrieve(Vertx vertx, ConfigStoreOptions store) {
    ConfigRetriever retriever = ConfigRetriever.create(vertx,
        new ConfigRetrieverOptions().setScanPeriod(-1).setIncludeDefaultStores(false).addStore(store));
    return retriever.getConfig().andThen(done -> retriever.close());
  }

  private static Map<String, String> strings(JsonObject json) {
    Map<String, String> map = new LinkedHashMap<>();
    json.forEach(entry -> map.put(entry.getKey(), String.valueOf(entry.getValue())));
    return map;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
