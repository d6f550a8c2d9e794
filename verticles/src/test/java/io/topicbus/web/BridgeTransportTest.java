package io.topicbus.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bridge over SockJS's own framing (WebSocket and XHR transports) and the idle timeout. */
@ExtendWith(VertxExtension.class)
class BridgeTransportTest {

  private static final String TOPICS_REQUEST = new JsonObject().put("type", "send").put("address", "topicbus.topics")
      .put("body", new JsonObject()).put("replyAddress", "r1").encode();

  @Test
  void theSockJsWebSocketTransportCarriesFramesInSockJsArrays(Vertx vertx) throws Exception {
    WebServer server = WebServer.on(vertx).startAndWait();
    WebSocketClient client = vertx.createWebSocketClient();
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    // The handler is set on the event loop as the socket opens: SockJS sends its "o" frame at once.
    WebSocket socket = WebServer.await(client.connect(server.port, "127.0.0.1", "/eventbus/123/abcdefgh/websocket")
        .onSuccess(ws -> ws.textMessageHandler(received::add)));
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("o");
    socket.writeTextMessage(new JsonArray().add(TOPICS_REQUEST).encode());
    String frame = received.poll(5, TimeUnit.SECONDS);
    assertThat(frame).startsWith("a[");
    JsonObject reply = new JsonObject(new JsonArray(frame.substring(1)).getString(0));
    assertThat(reply.getString("address")).isEqualTo("r1");
    assertThat(reply.getJsonObject("body").containsKey("topics")).isTrue();
    client.close();
  }

  @Test
  void webSocketsMayUsePermessageDeflate(Vertx vertx) throws Exception {
    WebServer server = WebServer.on(vertx).startAndWait();
    WebSocketClient client = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
        .setTryUsePerMessageCompression(true));
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket socket = WebServer.await(client.connect(server.port, "127.0.0.1", "/eventbus/websocket")
        .onSuccess(ws -> ws.textMessageHandler(received::add)));
    assertThat(socket.headers().get("Sec-WebSocket-Extensions")).contains("permessage-deflate");
    socket.writeTextMessage(TOPICS_REQUEST);
    assertThat(received.poll(5, TimeUnit.SECONDS)).contains("\"address\":\"r1\"");
    client.close();
  }

  @Test
  void theXhrTransportWorksThroughTheBodyLimit(Vertx vertx) {
    WebServer server = WebServer.on(vertx).startAndWait();
    // One connection per request: SockJS may close a polling connection, and a pooled one could be reused as it closes.
    WebClient client = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setKeepAlive(false));
    String session = "/eventbus/200/xhrsession/";
    assertThat(WebServer.await(client.post(server.port, "127.0.0.1", session + "xhr").send()).bodyAsString()).startsWith("o");
    HttpResponse<Buffer> sent = WebServer.await(client.post(server.port, "127.0.0.1", session + "xhr_send")
        .sendBuffer(Buffer.buffer(new JsonArray().add(TOPICS_REQUEST).encode())));
    assertThat(sent.statusCode()).isEqualTo(204);
    String polled = WebServer.await(client.post(server.port, "127.0.0.1", session + "xhr").send()).bodyAsString();
    assertThat(polled).startsWith("a[").contains("topics");
  }

  @Test
  void aSocketThatSendsNothingIsClosedAndPingsKeepOneOpen(Vertx vertx) throws InterruptedException {
    WebServer server = WebServer.on(vertx).tuning(limits -> limits.withTimeouts(400, limits.replyWindowMs())).startAndWait();
    try (BridgeClient silent = BridgeClient.connect(vertx, server.port);
         BridgeClient pinging = BridgeClient.connect(vertx, server.port)) {
      long end = System.currentTimeMillis() + 1_500;
      while (System.currentTimeMillis() < end) {
        pinging.send(new JsonObject().put("type", "ping"));
        Thread.sleep(100);
      }
      await().atMost(Duration.ofSeconds(3)).until(silent::isClosed);
      assertThat(pinging.isClosed()).isFalse();
    }
  }
}
