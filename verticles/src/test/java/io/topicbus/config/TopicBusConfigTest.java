package io.topicbus.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC section 6: defaults, layers lowest first, env and -D names, and one clear line for every bad value. */
class TopicBusConfigTest {

  @Test
  void theDefaultsAreTheSpecTable() {
    TopicBusConfig config = TopicBusConfig.defaults();
    assertThat(config.http.port()).isEqualTo(8080);
    assertThat(config.http.host()).isEqualTo("0.0.0.0");
    assertThat(config.http.allowedOrigins()).isEmpty();
    assertThat(config.http.authToken()).isNull();
    assertThat(config.busPrefix).isEqualTo("topicbus");
    assertThat(config.storage.mode()).isEqualTo(StorageConfig.Mode.FILE);
    assertThat(config.storage.dir()).isEqualTo("data");
    assertThat(config.storage.segmentBytes()).isEqualTo(67_108_864L);
    assertThat(config.storage.retentionMs()).isEqualTo(604_800_000L);
    assertThat(config.storage.retentionBytes()).isEqualTo(-1);
    assertThat(config.storage.fsync()).isEqualTo(StorageConfig.Fsync.ALWAYS);
    assertThat(config.storage.dedupWindowMs()).isEqualTo(120_000L);
    assertThat(config.storage.compression()).isEqualTo(StorageConfig.Compression.NONE);
    assertThat(config.limits).isEqualTo(new LimitsConfig(1_048_576, 100_000, 100_000, 1000));
    assertThat(config.subscriptions).isEqualTo(new SubscriptionsConfig(60_000, 30_000, 5, 100, 30_000, 5, 10_000));
    assertThat(config.inventory).isEqualTo(new InventoryConfig(4, 10));
    assertThat(config.bridge).isEqualTo(new BridgeConfig(java.util.List.of("#"), java.util.List.of("#"), 100));
    assertThat(config.cluster).isEqualTo(new ClusterConfig(false, "conf/cluster.xml", ClusterConfig.Role.AUTO));
  }

  @Test
  void fileThenEnvThenSystemPropertiesLowestFirst() {
    JsonObject file = new JsonObject().put("http", new JsonObject().put("port", 9000)).put("inventory.instances", 2)
        .put("storage", new JsonObject().put("fsync", "interval"));
    Map<String, String> env = Map.of("TOPICBUS_HTTP_PORT", "9090", "TOPICBUS_INVENTORY_LOWSTOCKTHRESHOLD", "5",
        "TOPICBUS_BRIDGE_PUBLISHALLOW", "orders.#, chat.#", "PATH", "/usr/bin", "TOPICBUS_CONFIG", "ignored.json");
    Map<String, String> sys = Map.of("topicbus.http.port", "9191", "java.version", "17", "topicbus.http.authToken", "s3cret");
    TopicBusConfig config = TopicBusConfig.fromLayers(file, env, sys);
    assertThat(config.http.port()).isEqualTo(9191);
    assertThat(config.inventory.instances()).isEqualTo(2);
    assertThat(config.inventory.lowStockThreshold()).isEqualTo(5);
    assertThat(config.storage.fsync()).isEqualTo(StorageConfig.Fsync.INTERVAL);
    assertThat(config.bridge.publishAllow()).containsExactly("orders.#", "chat.#");
    assertThat(config.http.authToken()).isEqualTo("s3cret");
    assertThat(config.toString()).doesNotContain("s3cret");
  }

  @Test
  void envNamesMatchKeysCaseInsensitively() {
    TopicBusConfig config = TopicBusConfig.fromLayers(new JsonObject(),
        Map.of("topicbus_subscriptions_ackTimeoutMs", "1000"), Map.of());
    assertThat(config.subscriptions.ackTimeoutMs()).isEqualTo(1000);
  }

  @Test
  void theFlatFormReadsBackUnchanged() {
    TopicBusConfig config = TopicBusConfig.defaults().with(new JsonObject().put("http.allowedOrigins",
        new JsonArray().add("https://console.example.com")).put("storage.mode", "memory"));
    assertThat(TopicBusConfig.from(config.toJson()).toJson()).isEqualTo(config.toJson());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http.port|\"eighty\"|config: http.port must be an integer 0..65535",
      "http.port|70000|config: http.port must be an integer 0..65535 (got 70000)",
      "http.port|80.5|config: http.port must be an integer",
      "storage.mode|\"disk\"|config: storage.mode must be one of file, memory",
      "storage.retentionMs|-2|config: storage.retentionMs must be an integer -1 or 1..",
      "storage.fsync|true|config: storage.fsync must be one of always, interval, never",
      "bridge.publishAllow|[\"a*\"]|config: bridge.publishAllow has a bad item \"a*\"",
      "http.allowedOrigins|[\"not an origin\"]|config: http.allowedOrigins has a bad item",
      "cluster.enabled|\"yes\"|config: cluster.enabled must be true or false",
      "subscriptions.maxAttempts|0|config: subscriptions.maxAttempts must be an integer 1..100",
      "nope|1|config: unknown key nope",
      "http.nope|1|config: unknown key http.nope"})
  void aBadValueStopsStartUpWithOneLineNamingTheKey(String key, String json, String message) {
    JsonObject file = new JsonObject("{\"" + key + "\": " + json + "}");
    assertThatThrownBy(() -> TopicBusConfig.fromLayers(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void envAndPropertyValuesAreCheckedToo() {
    assertThatThrownBy(() -> TopicBusConfig.fromLayers(new JsonObject(), Map.of("TOPICBUS_HTTP_PORT", "x"), Map.of()))
        .hasMessageStartingWith("config: http.port must be an integer");
    assertThatThrownBy(() -> TopicBusConfig.fromLayers(new JsonObject(), Map.of("TOPICBUS_NOPE", "1"), Map.of()))
        .hasMessageStartingWith("config: unknown key TOPICBUS_NOPE");
    assertThatThrownBy(() -> TopicBusConfig.fromLayers(new JsonObject(), Map.of(), Map.of("topicbus.storage.mode", "tape")))
        .hasMessageStartingWith("config: storage.mode must be one of file, memory");
  }

  @Test
  void backoffMaxBelowTheInitialBackoffIsRefused() {
    assertThatThrownBy(() -> TopicBusConfig.defaults().with(new JsonObject()
        .put("subscriptions.retryBackoffMs", 500).put("subscriptions.retryBackoffMaxMs", 100)))
        .hasMessageContaining("subscriptions.retryBackoffMaxMs");
  }
}
