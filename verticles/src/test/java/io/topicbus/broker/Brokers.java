package io.topicbus.broker;

import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Test fixture: a broker with memory storage and fast retries, deployed on a real event bus. */
final class Brokers {

  private Brokers() {
  }

  static JsonObject fastConfig() {
    return new JsonObject()
        .put("storage.mode", "memory")
        .put("subscriptions.retryBackoffMs", 5)
        .put("subscriptions.retryBackoffMaxMs", 50)
        .put("subscriptions.ackTimeoutMs", 2000);
  }

  static Future<String> deploy(Vertx vertx, JsonObject overrides) {
    ExactNumbers.install();
    TopicBusConfig config = TopicBusConfig.defaults().with(fastConfig()).with(overrides);
    return vertx.deployVerticle(new BrokerVerticle(), new DeploymentOptions().setConfig(config.toJson()));
  }

  static Future<String> deploy(Vertx vertx) {
    return deploy(vertx, new JsonObject());
  }
}
