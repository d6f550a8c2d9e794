package io.topicbus.web;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST routes of SPEC section 5, each success and each error, against a real server and broker. */
@ExtendWith(VertxExtension.class)
class RestApiTest {

  private Vertx vertx;
  private Http http;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    http = new Http(vertx, WebServer.on(vertx)
        .config(new JsonObject().put("limits.maxMessageBytes", 4096).put("bridge.publishAllow", new JsonArray().add("orders.#").add("chat.*"))
            .put("bridge.subscribeAllow", new JsonArray().add("orders.#").add("inventory.#").add("dlq.#")))
        .startAndWait());
  }

  private JsonObject publish(String topic, Object payload) {
    HttpResponse<Buffer> response = http.post("/api/topics/" + topic + "/messages", new JsonObject().put("payload", payload));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  // ---- publish ----

  @Test
  void publishAnswers201WithTheOffset() {
    HttpResponse<Buffer> response = http.post("/api/topics/orders.eu.created/messages",
        new JsonObject().put("payload", new JsonObject().put("n", 1)).put("key", "k1").put("id", "m-1"));
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject reply = response.bodyAsJsonObject();
    assertThat(reply.getString("topic")).isEqualTo("orders.eu.created");
    assertThat(reply.getLong("offset")).isZero();
    assertThat(reply.getString("id")).isEqualTo("m-1");
    assertThat(publish("orders.eu.created", 2).getLong("offset")).isEqualTo(1);
  }

  @Test
  void numbersKeepTheirDecimalText() {
    http.post("/api/topics/orders.x/messages", "{\"payload\": {\"total\": 19.99, \"tiny\": 0.1000000000000000000000001}}");
    String text = http.get("/api/topics/orders.x/messages").bodyAsString();
    assertThat(text).contains("\"total\":19.99").contains("\"tiny\":0.1000000000000000000000001");
  }

  @Test
  void anInvalidTopicInThePathIs400() {
    HttpResponse<Buffer> response = http.post("/api/topics/orders..x/messages", new JsonObject().put("payload", 1));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.error(response).getString("message")).startsWith("topic: ");
    assertThat(http.post("/api/topics/orders.%23/messages", new JsonObject().put("payload", 1)).statusCode()).isEqualTo(400);
  }

  @Test
  void systemTopicsCannotBePublishedOverHttp() {
    for (String topic : new String[] {"dlq.s1", "inventory.widget.changed", "inventory"}) {
      HttpResponse<Buffer> response = http.post("/api/topics/" + topic + "/messages", new JsonObject().put("payload", 1));
      assertThat(response.statusCode()).as(topic).isEqualTo(403);
      assertThat(Http.error(response).getString("message")).contains("system topic");
    }
  }

  @Test
  void publishAllowLimitsHttpPublishes() {
    HttpResponse<Buffer> response = http.post("/api/topics/billing.x/messages", new JsonObject().put("payload", 1));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Http.error(response).getString("message")).contains("bridge.publishAllow");
    assertThat(http.post("/api/topics/chat.room1/messages", new JsonObject().put("payload", 1)).statusCode()).isEqualTo(201);
  }

  @Test
  void aBodyNamingAnotherTopicIs400() {
    HttpResponse<Buffer> response = http.post("/api/topics/orders.a/messages",
        new JsonObject().put("topic", "orders.b").put("payload", 1));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(http.post("/api/topics/orders.a/messages", new JsonObject().put("topic", "orders.a").put("payload", 1))
        .statusCode()).isEqualTo(201);
  }

  @Test
  void brokerValidationFailuresKeepTheirCode() {
    HttpResponse<Buffer> response = http.post("/api/topics/orders.a/messages", new JsonObject().put("key", "k"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.error(response).getString("message")).startsWith("payload:");
    HttpResponse<Buffer> headers = http.post("/api/topics/orders.a/messages",
        new JsonObject().put("payload", 1).put("headers", new JsonObject().put("bad name", "x")));
    assertThat(headers.statusCode()).isEqualTo(400);
  }

  @Test
  void aMessageOverTheLimitIs413() {
    // Under the body limit (4096 bytes) but over limits.maxMessageBytes once counted with its long topic: the broker's 413.
    String topic = "orders." + "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60);
    HttpResponse<Buffer> response = http.post("/api/topics/" + topic + "/messages",
        new JsonObject().put("payload", "x".repeat(3950)));
    assertThat(response.statusCode()).isEqualTo(413);
    Http.error(response);
  }

  // ---- malformed bodies ----

  @Test
  void malformedJsonIs400() {
    HttpResponse<Buffer> response = http.post("/api/topics/orders.a/messages", "{\"payload\": ");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.error(response).getString("message")).startsWith("body: malformed JSON");
  }

  @Test
  void invalidUtf8Is400() {
    Buffer body = Buffer.buffer("{\"payload\": \"").appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28}).appendString("\"}");
    HttpResponse<Buffer> response = http.send(HttpMethod.POST, "/api/topics/orders.a/messages", body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.error(response).getString("message")).isEqualTo("body: invalid UTF-8");
  }

  @Test
  void aBodyThatIsNotAnObjectIs400() {
    assertThat(http.post("/api/topics/orders.a/messages", "[1, 2]").statusCode()).isEqualTo(400);
    assertThat(http.post("/api/topics/orders.a/messages", "42").statusCode()).isEqualTo(400);
    HttpResponse<Buffer> empty = http.send(HttpMethod.POST, "/api/topics/orders.a/messages", null);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(Http.error(empty).getString("message")).startsWith("body:");
  }

  @Test
  void aBodyOverTheLimitIs413() {
    HttpResponse<Buffer> response = http.post("/api/topics/orders.a/messages",
        new JsonObject().put("payload", "y".repeat(5000)));
    assertThat(response.statusCode()).isEqualTo(413);
    Http.error(response);
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() {
    HttpResponse<Buffer> response = http.send(HttpMethod.POST, "/api/messages",
        Buffer.buffer("{\"messages\": [\"" + "z".repeat(9000) + "\"]}"),
        MultiMap.caseInsensitiveMultiMap().add("Transfer-Encoding", "chunked"));
    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void anOversizedBodyIsRefusedBeforeItIsSent() throws Exception {
    // Only the headers go out: the 413 must come from the declared length alone.
    NetClient client = vertx.createNetClient();
    NetSocket socket = WebServer.await(client.connect(http.server().port, "127.0.0.1"));
    CompletableFuture<String> answer = new CompletableFuture<>();
    Buffer received = Buffer.buffer();
    socket.handler(data -> {
      received.appendBuffer(data);
      if (received.toString().contains("\r\n\r\n") && received.toString().contains("}")) {
        answer.complete(received.toString());
      }
    });
    socket.write("POST /api/topics/orders.a/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 50000000\r\n\r\n{\"payload\": \"");
    String response = answer.get(10, TimeUnit.SECONDS);
    assertThat(response).startsWith("HTTP/1.1 413").contains("\"code\":413");
    socket.close();
  }

  // ---- routing ----

  @Test
  void anUnknownRouteIs404() {
    for (String path : new String[] {"/api/nothing", "/api/topics/a/b/c", "/no-such-file.js"}) {
      HttpResponse<Buffer> response = http.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      Http.error(response);
    }
    assertThat(http.post("/api/nothing", new JsonObject()).statusCode()).isEqualTo(404);
  }

  @Test
  void aWrongMethodIs405() {
    for (HttpMethod method : new HttpMethod[] {HttpMethod.DELETE, HttpMethod.PUT}) {
      HttpResponse<Buffer> response = http.send(method, "/api/topics", null);
      assertThat(response.statusCode()).isEqualTo(405);
      Http.error(response);
    }
    assertThat(http.get("/api/messages").statusCode()).isEqualTo(405);
    assertThat(http.get("/api/inventory/widget/add").statusCode()).isEqualTo(405);
  }

  // ---- batch ----

  @Test
  void aBatchAnswers200WithResultsInOrderAndRefusalsInPlace() {
    JsonObject body = new JsonObject().put("messages", new JsonArray()
        .add(new JsonObject().put("topic", "orders.a").put("payload", 1))
        .add(new JsonObject().put("topic", "dlq.x").put("payload", 2))
        .add(new JsonObject().put("topic", "orders..bad").put("payload", 3))
        .add(new JsonObject().put("topic", "billing.x").put("payload", 4))
        .add(new JsonObject().put("topic", "orders.a").put("payload", 5)));
    HttpResponse<Buffer> response = http.post("/api/messages", body);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray results = response.bodyAsJsonObject().getJsonArray("results");
    assertThat(results).hasSize(5);
    assertThat(results.getJsonObject(0).getLong("offset")).isZero();
    assertThat(results.getJsonObject(1).getJsonObject("error").getInteger("code")).isEqualTo(403);
    assertThat(results.getJsonObject(2).getJsonObject("error").getInteger("code")).isEqualTo(400);
    assertThat(results.getJsonObject(3).getJsonObject("error").getInteger("code")).isEqualTo(403);
    assertThat(results.getJsonObject(4).getLong("offset")).isEqualTo(1);
  }

  @Test
  void aBatchOfOnlyForbiddenMessagesStoresNothing() {
    JsonObject body = new JsonObject().put("messages", new JsonArray().add(new JsonObject().put("topic", "dlq.x").put("payload", 1)));
    HttpResponse<Buffer> response = http.post("/api/messages", body);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonArray("results").getJsonObject(0).getJsonObject("error")
        .getInteger("code")).isEqualTo(403);
    assertThat(http.get("/api/topics").bodyAsJsonObject().getJsonArray("topics")).isEmpty();
  }

  @Test
  void aMalformedBatchIs400() {
    assertThat(http.post("/api/messages", new JsonObject().put("messages", new JsonArray())).statusCode()).isEqualTo(400);
    assertThat(http.post("/api/messages", new JsonObject().put("messages", "x")).statusCode()).isEqualTo(400);
    assertThat(http.post("/api/messages", new JsonObject()).statusCode()).isEqualTo(400);
  }

  // ---- listings and reads ----

  @Test
  void topicsListCountsAndOffsets() {
    publish("orders.a", 1);
    publish("orders.a", 2);
    publish("orders.b", 3);
    JsonArray topics = http.get("/api/topics").bodyAsJsonObject().getJsonArray("topics");
    assertThat(topics).hasSize(2);
    JsonObject a = topics.getJsonObject(0);
    assertThat(a.getString("name")).isEqualTo("orders.a");
    assertThat(a.getLong("nextOffset")).isEqualTo(2);
    assertThat(a.getLong("messages")).isEqualTo(2);
  }

  @Test
  void readReplaysFromEarliestLatestAnOffsetOrATimestamp() {
    long before = System.currentTimeMillis();
    for (int i = 0; i < 5; i++) {
      publish("orders.r", i);
    }
    JsonObject earliest = http.get("/api/topics/orders.r/messages").bodyAsJsonObject();
    assertThat(earliest.getJsonArray("messages")).hasSize(5);
    assertThat(earliest.getLong("next")).isEqualTo(5);
    assertThat(http.get("/api/topics/orders.r/messages?from=earliest&limit=2").bodyAsJsonObject()
        .getJsonArray("messages")).hasSize(2);
    JsonObject latest = http.get("/api/topics/orders.r/messages?from=latest").bodyAsJsonObject();
    assertThat(latest.getJsonArray("messages")).isEmpty();
    assertThat(latest.getLong("next")).isEqualTo(5);
    JsonArray fromThree = http.get("/api/topics/orders.r/messages?from=3").bodyAsJsonObject().getJsonArray("messages");
    assertThat(fromThree).hasSize(2);
    assertThat(fromThree.getJsonObject(0).getInteger("payload")).isEqualTo(3);
    assertThat(http.get("/api/topics/orders.r/messages?timestamp=" + before).bodyAsJsonObject()
        .getJsonArray("messages")).hasSize(5);
    assertThat(http.get("/api/topics/orders.r/messages?timestamp=" + (System.currentTimeMillis() + 60_000))
        .bodyAsJsonObject().getJsonArray("messages")).isEmpty();
  }

  @Test
  void badReadParametersAre400() {
    publish("orders.r", 1);
    for (String query : new String[] {"from=-1", "from=soon", "from=1&timestamp=2", "limit=0", "limit=1001", "limit=x",
        "timestamp=-5", "from=99999999999999999999"}) {
      HttpResponse<Buffer> response = http.get("/api/topics/orders.r/messages?" + query);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      Http.error(response);
    }
  }

  @Test
  void readingAnUnknownTopicIs404() {
    HttpResponse<Buffer> response = http.get("/api/topics/orders.none/messages");
    assertThat(response.statusCode()).isEqualTo(404);
    Http.error(response);
  }

  @Test
  void subscribeAllowLimitsReads() {
    HttpResponse<Buffer> response = http.get("/api/topics/billing.x/messages");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Http.error(response).getString("message")).contains("bridge.subscribeAllow");
    assertThat(http.get("/api/topics/orders..x/messages").statusCode()).isEqualTo(400);
  }

  @Test
  void subscriptionsAreListed() {
    WebServer.await(vertx.eventBus().request("topicbus.subscribe",
        new JsonObject().put("pattern", "orders.#").put("address", "topicbus.client.test")));
    JsonArray subscriptions = http.get("/api/subscriptions").bodyAsJsonObject().getJsonArray("subscriptions");
    assertThat(subscriptions).hasSize(1);
    assertThat(subscriptions.getJsonObject(0).getString("pattern")).isEqualTo("orders.#");
    assertThat(subscriptions.getJsonObject(0).containsKey("pending")).isTrue();
  }

  // ---- inventory ----

  @Test
  void inventoryRoutesFrontTheInventoryService() {
    HttpResponse<Buffer> added = http.post("/api/inventory/widget/add", new JsonObject().put("qty", 5));
    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(added.bodyAsJsonObject()).isEqualTo(new JsonObject().put("sku", "widget").put("available", 5));
    assertThat(http.post("/api/inventory/widget/remove", new JsonObject().put("qty", 2)).bodyAsJsonObject()
        .getLong("available")).isEqualTo(3);
    assertThat(http.get("/api/inventory/widget").bodyAsJsonObject().getLong("available")).isEqualTo(3);
    assertThat(http.get("/api/inventory/unknown-sku").bodyAsJsonObject().getLong("available")).isZero();
    assertThat(http.get("/api/inventory").bodyAsJsonObject().getJsonArray("items")).hasSize(1);
  }

  @Test
  void inventoryFailuresKeepTheirCode() {
    HttpResponse<Buffer> tooMany = http.post("/api/inventory/widget/remove", new JsonObject().put("qty", 1));
    assertThat(tooMany.statusCode()).isEqualTo(409);
    Http.error(tooMany);
    assertThat(http.post("/api/inventory/widget/add", new JsonObject()).statusCode()).isEqualTo(400);
    assertThat(http.post("/api/inventory/widget/add", new JsonObject().put("qty", "5")).statusCode()).isEqualTo(400);
  }

  @Test
  void anInvalidSkuInThePathIs400() {
    for (String sku : new String[] {"a.b", "x".repeat(65), "sp%20ace"}) {
      HttpResponse<Buffer> response = http.get("/api/inventory/" + sku);
      assertThat(response.statusCode()).as(sku).isEqualTo(400);
      assertThat(Http.error(response).getString("message")).startsWith("sku:");
    }
    assertThat(http.post("/api/inventory/a.b/add", new JsonObject().put("qty", 1)).statusCode()).isEqualTo(400);
  }

  // ---- transport ----

  @Test
  void responsesAreGzippedWhenAskedFor() {
    for (int i = 0; i < 30; i++) {
      publish("orders.t" + i, i);
    }
    HttpResponse<Buffer> response = http.send(HttpMethod.GET, "/api/topics", null,
        MultiMap.caseInsensitiveMultiMap().add("Accept-Encoding", "gzip"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Encoding")).isEqualTo("gzip");
  }
}
