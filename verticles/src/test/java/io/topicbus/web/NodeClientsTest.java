package io.topicbus.web;

import io.topicbus.broker.BrokerVerticle;
import io.topicbus.config.TopicBusConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge with real JavaScript clients in Node: the official {@code @vertx/eventbus-bridge-client.js}
 * unchanged, and {@code web/topicbus.js} (the browser SDK) over sockjs-client.
 */
@ExtendWith(VertxExtension.class)
class NodeClientsTest {

  @Test
  void theOfficialClientWorksUnchanged(Vertx vertx) throws Exception {
    NodeClients.requireNode();
    WebServer server = WebServer.on(vertx).startAndWait();
    NodeClients.Result result = NodeClients.run(List.of("official-client.mjs", "http://127.0.0.1:" + server.port), line -> null);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("official client: 9 passed, 0 failed");
  }

  @Test
  void theBrowserSdkSubscribesPublishesReconnectsAndFailsFast(Vertx vertx) throws Exception {
    NodeClients.requireNode();
    WebServer server = WebServer.on(vertx).startAndWait();
    Vertx other = Vertx.vertx();
    try {
      WebServer noBroker = WebServer.on(other).withoutBroker().startAndWait();
      JsonObject config = TopicBusConfig.defaults().with(new JsonObject().put("storage.mode", "memory")).toJson();
      NodeClients.Result result = NodeClients.run(List.of("--experimental-detect-module", "sdk.mjs",
          "http://127.0.0.1:" + server.port, "http://127.0.0.1:" + noBroker.port), line -> {
            if (line.equals("DEPLOY_BROKER")) {
              WebServer.await(other.deployVerticle(new BrokerVerticle(), new DeploymentOptions().setConfig(config)));
              return "deployed";
            }
            return null;
          });
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).contains("sdk: ").contains(" passed, 0 failed");
    } finally {
      WebServer.await(other.close());
    }
  }
}
