package io.topicbus.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional {@code http.authToken}: Bearer for REST and /metrics, {@code ?token=} for the bridge, /health open. */
@ExtendWith(VertxExtension.class)
class AuthTokenTest {

  private Vertx vertx;
  private WebServer server;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = WebServer.on(vertx).config(new JsonObject().put("http.authToken", "s3cret")).startAndWait();
  }

  @Test
  void restCallsNeedTheBearerToken() {
    Http anonymous = new Http(vertx, server);
    HttpResponse<Buffer> missing = anonymous.get("/api/topics");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(Http.error(missing).getString("message")).contains("token is required");
    assertThat(missing.getHeader("WWW-Authenticate")).startsWith("Bearer");
    HttpResponse<Buffer> wrong = new Http(vertx, server).header("Authorization", "Bearer nope").get("/api/topics");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(new Http(vertx, server).header("Authorization", "Bearer s3cret").get("/api/topics").statusCode()).isEqualTo(200);
    assertThat(anonymous.post("/api/topics/orders.a/messages", new JsonObject().put("payload", 1)).statusCode()).isEqualTo(401);
  }

  @Test
  void healthStaysOpenAndTheConsolePageLoads() {
    Http anonymous = new Http(vertx, server);
    assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsNeedTheToken() {
    assertThat(new Http(vertx, server).get("/metrics").statusCode()).isEqualTo(401);
  }

  @Test
  void theBridgeNeedsTheTokenInItsUrl() {
    assertThatThrownBy(() -> WebServer.await(BridgeClient.connect(vertx, server.port, "/eventbus/websocket", null)))
        .hasMessageContaining("401");
    assertThatThrownBy(() -> WebServer.await(BridgeClient.connect(vertx, server.port, "/eventbus/websocket?token=x", null)))
        .hasMessageContaining("401");
    assertThat(new Http(vertx, server).get("/eventbus/info").statusCode()).isEqualTo(401);
    try (BridgeClient browser = WebServer.await(BridgeClient.connect(vertx, server.port, "/eventbus/websocket?token=s3cret", null))) {
      assertThat(browser.request("topicbus.topics", new JsonObject()).getString("type")).isEqualTo("rec");
    }
  }
}
