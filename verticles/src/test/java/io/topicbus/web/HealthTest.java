package io.topicbus.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /health}: 200 UP when ready, 503 when the broker or its storage is not, and from the start of shutdown. */
@ExtendWith(VertxExtension.class)
class HealthTest {

  @Test
  void readyIsUpWithItsChecks(Vertx vertx) {
    HttpResponse<Buffer> response = new Http(vertx, WebServer.on(vertx).startAndWait()).get("/health");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject report = response.bodyAsJsonObject();
    assertThat(report.getString("status")).isEqualTo("UP");
    assertThat(report.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
        .containsExactlyInAnyOrder("http", "broker", "storage");
  }

  @Test
  void aMissingBrokerIsDown(Vertx vertx) {
    HttpResponse<Buffer> response = new Http(vertx, WebServer.on(vertx).withoutBroker().startAndWait()).get("/health");
    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject report = response.bodyAsJsonObject();
    assertThat(report.getString("status")).isEqualTo("DOWN");
    assertThat(check(report, "broker").getString("status")).isEqualTo("DOWN");
    assertThat(check(report, "http").getString("status")).isEqualTo("UP");
  }

  @Test
  void aCorruptTopicIsDown(Vertx vertx) {
    vertx.eventBus().consumer("topicbus.topics", message -> message.reply(new JsonObject().put("topics", new JsonArray()
        .add(new JsonObject().put("name", "orders.a").put("corrupt", false))
        .add(new JsonObject().put("name", "orders.b").put("corrupt", true)))));
    HttpResponse<Buffer> response = new Http(vertx, WebServer.on(vertx).withoutBroker().startAndWait()).get("/health");
    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject storage = check(response.bodyAsJsonObject(), "storage");
    assertThat(storage.getString("status")).isEqualTo("DOWN");
    assertThat(storage.getJsonObject("data").getJsonArray("corrupt")).containsExactly("orders.b");
  }

  @Test
  void shutdownTurnsHealthDownRefusesNewRequestsAndLetsInFlightOnesFinish(Vertx vertx) {
    WebServer server = WebServer.on(vertx).startAndWait();
    server.inventory.delay(1_500);
    WebClient client = WebClient.create(vertx);
    Future<HttpResponse<Buffer>> slow = client.get(server.port, "127.0.0.1", "/api/inventory").send();
    Http http = new Http(vertx, server);
    sleep(300);
    Future<Void> undeployed = vertx.undeploy(server.httpDeployment);
    sleep(100);
    HttpResponse<Buffer> health = http.get("/health");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(check(health.bodyAsJsonObject(), "http").getString("status")).isEqualTo("DOWN");
    HttpResponse<Buffer> refused = http.get("/api/topics");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(Http.error(refused).getString("message")).isEqualTo("shutting down");
    assertThat(WebServer.await(slow).statusCode()).as("in flight when shutdown began").isEqualTo(200);
    WebServer.await(undeployed);
  }

  private static JsonObject check(JsonObject report, String id) {
    return report.getJsonArray("checks").stream().map(c -> (JsonObject) c).filter(c -> id.equals(c.getString("id")))
        .findFirst().orElseThrow(() -> new AssertionError("no check " + id + " in " + report));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
