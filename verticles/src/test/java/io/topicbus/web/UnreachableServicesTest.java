package io.topicbus.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** With nobody listening on the service addresses, every call fails fast with 503, never hangs. */
@ExtendWith(VertxExtension.class)
class UnreachableServicesTest {

  @Test
  void aMissingBrokerIs503(Vertx vertx) {
    Http http = new Http(vertx, WebServer.on(vertx).withoutBroker().startAndWait());
    for (HttpResponse<Buffer> response : java.util.List.of(
        http.get("/api/topics"),
        http.get("/api/subscriptions"),
        http.get("/api/topics/orders.a/messages"),
        http.post("/api/topics/orders.a/messages", new JsonObject().put("payload", 1)))) {
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(Http.error(response).getString("message")).contains("not available");
    }
  }

  @Test
  void aMissingBrokerIs503OverTheBridgeToo(Vertx vertx) {
    WebServer server = WebServer.on(vertx).withoutBroker().startAndWait();
    try (BridgeClient browser = BridgeClient.connect(vertx, server.port)) {
      JsonObject answer = browser.request("topicbus.publish", new JsonObject().put("topic", "orders.a").put("payload", 1));
      assertThat(BridgeClient.isFailure(answer, 503)).as(answer.encode()).isTrue();
    }
  }

  @Test
  void aMissingInventoryIs503(Vertx vertx) {
    Http http = new Http(vertx, WebServer.on(vertx).withoutInventory().startAndWait());
    HttpResponse<Buffer> response = http.get("/api/inventory");
    assertThat(response.statusCode()).isEqualTo(503);
    Http.error(response);
  }
}
