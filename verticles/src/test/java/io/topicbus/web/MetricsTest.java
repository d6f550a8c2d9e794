package io.topicbus.web;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /metrics}: Prometheus text with Vert.x's and TopicBus's meters, and series that do not grow with sockets. */
@ExtendWith(VertxExtension.class)
class MetricsTest {

  @Test
  void prometheusTextWithBoundedLabels() {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)))).build();
    try {
      WebServer server = WebServer.on(vertx).startAndWait();
      Http http = new Http(vertx, server);
      http.post("/api/topics/orders.a/messages", new JsonObject().put("payload", 1));
      List<BridgeClient> sockets = new ArrayList<>();
      int fewSeries = 0;
      for (int i = 0; i < 20; i++) {
        BridgeClient socket = BridgeClient.connect(vertx, server.port);
        sockets.add(socket);
        socket.subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "orders.#"));
        socket.request("topicbus.publish", new JsonObject().put("topic", "orders.s" + i).put("payload", i));
        if (i == 4) {
          http.get("/metrics");
          // The second scrape also counts the series the first scrape's own request created.
          fewSeries = seriesCount(http.get("/metrics").bodyAsString());
        }
      }
      HttpResponse<Buffer> response = http.get("/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
      String text = response.bodyAsString();
      assertThat(text).contains("vertx_http_server_requests_total").contains("topicbus_published_total")
          .contains("topicbus_bridge_sockets 20.0").contains("topicbus_bridge_deliveries_total");
      assertThat(text).doesNotContain("topicbus.client.").doesNotContain("orders.s1");
      assertThat(seriesCount(text)).as("series do not grow with sockets, inboxes or topics").isEqualTo(fewSeries);
      sockets.forEach(BridgeClient::close);
    } finally {
      WebServer.await(vertx.close());
    }
  }

  @Test
  void withoutMetricsEnabledTheEndpointIs503(Vertx vertx) {
    HttpResponse<Buffer> response = new Http(vertx, WebServer.on(vertx).startAndWait()).get("/metrics");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Http.error(response).getString("message")).contains("metrics are not enabled");
  }

  private static int seriesCount(String text) {
    return (int) text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
  }
}
