package io.topicbus.web;

import io.topicbus.broker.BrokerVerticle;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Test fixture: a real HTTP verticle on a free loopback port, with a memory broker and the fake
 * inventory beside it unless a test asks for them to be missing.
 */
final class WebServer {

  final Vertx vertx;
  final int port;
  final String httpDeployment;
  final FakeInventory inventory;

  private WebServer(Vertx vertx, int port, String httpDeployment, FakeInventory inventory) {
    this.vertx = vertx;
    this.port = port;
    this.httpDeployment = httpDeployment;
    this.inventory = inventory;
  }

  static Builder on(Vertx vertx) {
    return new Builder(vertx);
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  static final class Builder {
    private final Vertx vertx;
    private JsonObject config = new JsonObject();
    private boolean broker = true;
    private boolean inventory = true;
    private UnaryOperator<BridgeLimits> tuning = UnaryOperator.identity();
    private int port;

    private Builder(Vertx vertx) {
      this.vertx = vertx;
    }

    Builder config(JsonObject overrides) {
      config = config.copy().mergeIn(overrides);
      return this;
    }

    Builder withoutBroker() {
      broker = false;
      return this;
    }

    Builder withoutInventory() {
      inventory = false;
      return this;
    }

    Builder tuning(UnaryOperator<BridgeLimits> tuning) {
      this.tuning = tuning;
      return this;
    }

    Builder port(int port) {
      this.port = port;
      return this;
    }

    Future<WebServer> start() {
      ExactNumbers.install();
      JsonObject base = new JsonObject()
          .put("storage.mode", "memory")
          .put("http.host", "127.0.0.1")
          .put("http.port", port)
          .put("subscriptions.retryBackoffMs", 5)
          .put("subscriptions.retryBackoffMaxMs", 50)
          .put("subscriptions.ackTimeoutMs", 2000);
      JsonObject flat = TopicBusConfig.defaults().with(base).with(config).toJson();
      DeploymentOptions options = new DeploymentOptions().setConfig(flat);
      Future<String> brokerDeployed = broker
          ? vertx.deployVerticle(new BrokerVerticle(), options)
          : Future.succeededFuture("none");
      FakeInventory fake = inventory ? FakeInventory.register(vertx) : null;
      HttpVerticle http = new HttpVerticle(tuning);
      return brokerDeployed.compose(b -> vertx.deployVerticle(http, options))
          .map(id -> new WebServer(vertx, http.actualPort(), id, fake));
    }

    /** Blocking form for tests that run on their own thread. */
    WebServer startAndWait() {
      return await(start());
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError("did not complete in time", e);
    }
  }
}
