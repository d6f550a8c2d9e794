package io.topicbus.web;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code http.allowedOrigins} on REST calls (CORS) and on the bridge handshake (SPEC section 5). */
@ExtendWith(VertxExtension.class)
class OriginsTest {

  private final Origins defaults = new Origins(List.of());

  @Test
  void withTheDefaultListSameOriginAndLoopbackPagesAreAllowed() {
    assertThat(defaults.allows("http://topicbus.example:8080", "topicbus.example:8080")).isTrue();
    assertThat(defaults.allows("http://localhost:3000", "topicbus.example:8080")).isTrue();
    assertThat(defaults.allows("https://127.0.0.1", "topicbus.example")).isTrue();
    assertThat(defaults.allows("http://[::1]:5173", "topicbus.example")).isTrue();
    assertThat(defaults.allows("http://evil.example", "topicbus.example:8080")).isFalse();
    assertThat(defaults.allows("http://localhost.evil.example", "topicbus.example")).isFalse();
    assertThat(defaults.allows("http://topicbus.example:9999", "topicbus.example:8080")).isFalse();
    assertThat(defaults.allows("null", "topicbus.example")).isFalse();
  }

  @Test
  void requestsWithoutOriginAreNotAffected() {
    assertThat(defaults.allows(null, "anything")).isTrue();
    assertThat(new Origins(List.of("https://app.example")).allows(null, null)).isTrue();
  }

  @Test
  void anExplicitListReplacesTheLoopbackDefault() {
    Origins listed = new Origins(List.of("https://App.Example/"));
    assertThat(listed.allows("https://app.example", "topicbus.example")).isTrue();
    assertThat(listed.allows("http://localhost:3000", "topicbus.example")).isFalse();
    assertThat(listed.allows("http://topicbus.example", "topicbus.example")).as("same origin always").isTrue();
    assertThat(new Origins(List.of("*")).allows("http://anywhere.example", "x")).isTrue();
  }

  @Test
  void restCallsGetCorsHeadersOrA403(Vertx vertx) {
    Http http = new Http(vertx, WebServer.on(vertx).startAndWait());
    HttpResponse<Buffer> allowed = http.send(HttpMethod.GET, "/api/topics", null, origin("http://localhost:5173"));
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
    HttpResponse<Buffer> refused = http.send(HttpMethod.GET, "/api/topics", null, origin("http://evil.example"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Http.error(refused).getString("message")).contains("http.allowedOrigins");
    assertThat(refused.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(http.get("/api/topics").statusCode()).as("no Origin header").isEqualTo(200);
  }

  @Test
  void preflightsAreAnswered(Vertx vertx) {
    Http http = new Http(vertx, WebServer.on(vertx).startAndWait());
    MultiMap preflight = origin("http://127.0.0.1:3000").add("Access-Control-Request-Method", "POST")
        .add("Access-Control-Request-Headers", "content-type, authorization");
    HttpResponse<Buffer> response = http.send(HttpMethod.OPTIONS, "/api/topics/orders.a/messages", null, preflight);
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.getHeader("Access-Control-Allow-Methods")).contains("POST");
    assertThat(response.getHeader("Access-Control-Allow-Headers")).contains("Authorization");
  }

  @Test
  void theBridgeHandshakeChecksTheOrigin(Vertx vertx) {
    WebServer server = WebServer.on(vertx)
        .config(new JsonObject().put("http.allowedOrigins", new JsonArray().add("https://app.example"))).startAndWait();
    assertThatThrownBy(() -> WebServer.await(BridgeClient.connect(vertx, server.port, "/eventbus/websocket", "http://evil.example")))
        .hasMessageContaining("403");
    assertThatThrownBy(() -> WebServer.await(BridgeClient.connect(vertx, server.port, "/eventbus/websocket", "http://localhost:3000")))
        .hasMessageContaining("403");
    try (BridgeClient ok = WebServer.await(BridgeClient.connect(vertx, server.port, "/eventbus/websocket", "https://app.example"))) {
      assertThat(ok.request("topicbus.topics", new JsonObject()).getString("type")).isEqualTo("rec");
    }
    Http http = new Http(vertx, server);
    assertThat(http.send(HttpMethod.GET, "/eventbus/info", null, origin("http://evil.example")).statusCode()).isEqualTo(403);
    assertThat(http.send(HttpMethod.GET, "/eventbus/info", null, origin("https://app.example")).statusCode()).isEqualTo(200);
  }

  private static MultiMap origin(String origin) {
    return MultiMap.caseInsensitiveMultiMap().add("Origin", origin);
  }
}
