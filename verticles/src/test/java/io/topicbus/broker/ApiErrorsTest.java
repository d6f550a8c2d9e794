package io.topicbus.broker;

import io.topicbus.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failure code of SPEC section 3 reached with bad input; bad input changes nothing. */
@ExtendWith(VertxExtension.class)
class ApiErrorsTest {

  private Vertx vertx;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    Await.result(Brokers.deploy(vertx, new JsonObject()
        .put("limits.maxMessageBytes", 2048)
        .put("limits.maxTopics", 20)
        .put("limits.maxSubscriptions", 5)));
  }

  private ReplyException fail(String address, Object body) {
    Throwable error = Await.failure(vertx.eventBus().request("topicbus." + address, body));
    assertThat(error).isInstanceOf(ReplyException.class);
    return (ReplyException) error;
  }

  private JsonObject ok(String address, JsonObject body) {
    return (JsonObject) Await.result(vertx.eventBus().request("topicbus." + address, body)).body();
  }

  record Bad(String address, Object body, String mentions) {
    @Override
    public String toString() {
      return address + " " + body;
    }
  }

  static Stream<Bad> badRequests() {
    JsonObject sub = new JsonObject().put("pattern", "a.#").put("address", "topicbus.client.x");
    return Stream.of(
        new Bad("publish", "not an object", "body"),
        new Bad("publish", new JsonArray().add(1), "body"),
        new Bad("publish", new JsonObject().put("payload", 1), "topic"),
        new Bad("publish", new JsonObject().put("topic", 5).put("payload", 1), "topic"),
        new Bad("publish", new JsonObject().put("topic", "a..b").put("payload", 1), "topic"),
        new Bad("publish", new JsonObject().put("topic", "a.*").put("payload", 1), "topic"),
        new Bad("publish", new JsonObject().put("topic", "a.#").put("payload", 1), "topic"),
        new Bad("publish", new JsonObject().put("topic", "x".repeat(65)).put("payload", 1), "topic"),
        new Bad("publish", new JsonObject().put("topic", "a"), "payload"),
        new Bad("publish", new JsonObject().put("topic", "a").put("payload", 1).put("key", 7), "key"),
        new Bad("publish", new JsonObject().put("topic", "a").put("payload", 1).put("key", ""), "key"),
        new Bad("publish", new JsonObject().put("topic", "a").put("payload", 1).put("key", "k".repeat(256)), "key"),
        new Bad("publish", new JsonObject().put("topic", "a").put("payload", 1).put("id", true), "id"),
        new Bad("publish", new JsonObject().put("topic", "a").put("payload", 1).put("headers", "x"), "headers"),
        new Bad("publish", new JsonObject().put("topic", "a").put("payload", 1)
            .put("headers", new JsonObject().put("bad name", "v")), "headers"),
        new Bad("publish", new JsonObject().put("topic", "a").put("payload", 1)
            .put("headers", new JsonObject().put("n", new JsonObject())), "headers.n"),
        new Bad("publish", new JsonObject().put("topic", "a").put("payload", 1)
            .put("headers", manyHeaders(65)), "headers"),
        new Bad("publishBatch", new JsonObject(), "messages"),
        new Bad("publishBatch", new JsonObject().put("messages", new JsonArray()), "messages"),
        new Bad("publishBatch", new JsonObject().put("messages", "x"), "messages"),
        new Bad("subscribe", new JsonObject().put("address", "x"), "pattern"),
        new Bad("subscribe", new JsonObject().put("pattern", "a*").put("address", "x"), "pattern"),
        new Bad("subscribe", new JsonObject().put("pattern", "a.#"), "address"),
        new Bad("subscribe", new JsonObject().put("pattern", "a.#").put("address", "topicbus.publish"), "address"),
        new Bad("subscribe", new JsonObject().put("pattern", "a.#").put("address", "inventory.add"), "address"),
        new Bad("subscribe", sub.copy().put("filter", 3), "filter"),
        new Bad("subscribe", sub.copy().put("filter", "payload.x = "), "filter"),
        new Bad("subscribe", sub.copy().put("group", "a.b"), "group"),
        new Bad("subscribe", sub.copy().put("from", "yesterday"), "from"),
        new Bad("subscribe", sub.copy().put("from", new JsonObject().put("offset", -1)), "offset"),
        new Bad("subscribe", sub.copy().put("from", new JsonObject().put("timestamp", -5)), "timestamp"),
        new Bad("subscribe", sub.copy().put("from", new JsonObject().put("offset", "3")), "offset"),
        new Bad("subscribe", sub.copy().put("from", new JsonObject().put("when", 3)), "from"),
        new Bad("subscribe", sub.copy().put("ack", "sometimes"), "ack"),
        new Bad("subscribe", sub.copy().put("maxInFlight", 0), "maxInFlight"),
        new Bad("subscribe", sub.copy().put("maxInFlight", 1001), "maxInFlight"),
        new Bad("subscribe", sub.copy().put("maxInFlight", 2.5), "maxInFlight"),
        new Bad("subscribe", sub.copy().put("maxAttempts", 101), "maxAttempts"),
        new Bad("subscribe", sub.copy().put("ackTimeoutMs", 99), "ackTimeoutMs"),
        new Bad("subscribe", sub.copy().put("ackTimeoutMs", 300_001), "ackTimeoutMs"),
        new Bad("unsubscribe", new JsonObject(), "subscriptionId"),
        new Bad("unsubscribe", new JsonObject().put("subscriptionId", 12), "subscriptionId"),
        new Bad("read", new JsonObject(), "topic"),
        new Bad("read", new JsonObject().put("topic", "a.#"), "topic"),
        new Bad("read", new JsonObject().put("topic", "a").put("limit", 0), "limit"),
        new Bad("read", new JsonObject().put("topic", "a").put("limit", 1001), "limit"),
        new Bad("read", new JsonObject().put("topic", "a").put("from", 5), "from"),
        new Bad("topics", "x", "body"),
        new Bad("subscriptions", 42, "body"));
  }

  private static JsonObject manyHeaders(int n) {
    JsonObject headers = new JsonObject();
    for (int i = 0; i < n; i++) {
      headers.put("h" + i, i);
    }
    return headers;
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void malformedRequestsGet400NamingTheFieldAndChangeNothing(Bad bad) {
    ReplyException error = fail(bad.address(), bad.body());
    assertThat(error.failureCode()).isEqualTo(400);
    assertThat(error.getMessage()).contains(bad.mentions());
    assertThat(ok("topics", new JsonObject()).getJsonArray("topics")).isEmpty();
    assertThat(ok("subscriptions", new JsonObject()).getJsonArray("subscriptions")).isEmpty();
  }

  @Test
  void aFilterThatDoesNotParseNamesThePosition() {
    ReplyException error = fail("subscribe", new JsonObject().put("pattern", "a").put("address", "x")
        .put("filter", "payload.total > 100 AND (key = 'a'"));
    assertThat(error.failureCode()).isEqualTo(400);
    assertThat(error.getMessage()).startsWith("filter: ").matches(".* at \\d+$");
  }

  @Test
  void tooLargeIs413() {
    ReplyException error = fail("publish", new JsonObject().put("topic", "big").put("payload", "x".repeat(3000)));
    assertThat(error.failureCode()).isEqualTo(413);
    assertThat(ok("topics", new JsonObject()).getJsonArray("topics")).isEmpty();
  }

  @Test
  void unknownSubscriptionAndTopicAre404() {
    assertThat(fail("unsubscribe", new JsonObject().put("subscriptionId", "nope")).failureCode()).isEqualTo(404);
    assertThat(fail("read", new JsonObject().put("topic", "never.seen")).failureCode()).isEqualTo(404);
  }

  @Test
  void groupMembersMustAgreeOnPatternAndFilter() {
    JsonObject first = new JsonObject().put("pattern", "g.#").put("address", "topicbus.client.a").put("group", "grp")
        .put("filter", "payload.x > 1");
    ok("subscribe", first);
    assertThat(fail("subscribe", first.copy().put("pattern", "g.*")).failureCode()).isEqualTo(409);
    assertThat(fail("subscribe", first.copy().put("filter", "payload.x > 2")).failureCode()).isEqualTo(409);
    assertThat(fail("subscribe", first.copy().remove("filter") == null ? first : first.copy().putNull("filter"))
        .failureCode()).isEqualTo(409);
    ok("subscribe", first.copy().put("address", "topicbus.client.b"));
    assertThat(ok("subscriptions", new JsonObject()).getJsonArray("subscriptions")).hasSize(2);
  }

  @Test
  void tooManySubscriptionsIs429() {
    for (int i = 0; i < 5; i++) {
      ok("subscribe", new JsonObject().put("pattern", "s." + i).put("address", "topicbus.client.s" + i));
    }
    ReplyException error = fail("subscribe", new JsonObject().put("pattern", "s.x").put("address", "topicbus.client.x"));
    assertThat(error.failureCode()).isEqualTo(429);
    assertThat(ok("subscriptions", new JsonObject()).getJsonArray("subscriptions")).hasSize(5);
  }

  @Test
  void tooManyTopicsIs429() {
    for (int i = 0; i < 20; i++) {
      ok("publish", new JsonObject().put("topic", "t" + i).put("payload", i));
    }
    ReplyException error = fail("publish", new JsonObject().put("topic", "one.more").put("payload", 1));
    assertThat(error.failureCode()).isEqualTo(429);
    ok("publish", new JsonObject().put("topic", "t3").put("payload", "existing topics still take messages"));
  }

  @Test
  void aBatchStoresTheGoodMessagesAndReportsTheBadInPlace() {
    JsonArray messages = new JsonArray()
        .add(new JsonObject().put("topic", "b.one").put("payload", 1))
        .add(new JsonObject().put("topic", "bad topic").put("payload", 2))
        .add("not an object")
        .add(new JsonObject().put("topic", "b.one").put("payload", 3).put("id", "i1"))
        .add(new JsonObject().put("topic", "b.one").put("payload", 4).put("id", "i1"))
        .add(new JsonObject().put("topic", "b.big").put("payload", "x".repeat(3000)));
    JsonArray results = ok("publishBatch", new JsonObject().put("messages", messages)).getJsonArray("results");
    assertThat(results).hasSize(6);
    assertThat(results.getJsonObject(0).getLong("offset")).isEqualTo(0);
    assertThat(results.getJsonObject(1).getJsonObject("error").getInteger("code")).isEqualTo(400);
    assertThat(results.getJsonObject(2).getJsonObject("error").getInteger("code")).isEqualTo(400);
    assertThat(results.getJsonObject(3).getLong("offset")).isEqualTo(1);
    assertThat(results.getJsonObject(4).getLong("offset")).isEqualTo(1);
    assertThat(results.getJsonObject(4).getBoolean("duplicate")).isTrue();
    assertThat(results.getJsonObject(5).getJsonObject("error").getInteger("code")).isEqualTo(413);
    JsonObject read = ok("read", new JsonObject().put("topic", "b.one"));
    assertThat(read.getJsonArray("messages")).hasSize(2);
    assertThat(read.getLong("next")).isEqualTo(2);
  }

  @Test
  void aThousandMessageBatchWithThreeBadOnesStoresTheOther997InOrder() {
    JsonArray messages = new JsonArray();
    for (int i = 0; i < 1000; i++) {
      JsonObject message = new JsonObject().put("topic", "bulk").put("payload", i);
      if (i == 10 || i == 500 || i == 999) {
        message.put("topic", "bad topic " + i);
      }
      messages.add(message);
    }
    JsonArray results = ok("publishBatch", new JsonObject().put("messages", messages)).getJsonArray("results");
    assertThat(results).hasSize(1000);
    long expectedOffset = 0;
    for (int i = 0; i < 1000; i++) {
      JsonObject result = results.getJsonObject(i);
      if (i == 10 || i == 500 || i == 999) {
        assertThat(result.getJsonObject("error").getInteger("code")).isEqualTo(400);
        assertThat(result.getJsonObject("error").getString("message")).startsWith("topic: ");
      } else {
        assertThat(result.getLong("offset")).isEqualTo(expectedOffset++);
      }
    }
    JsonArray stored = new JsonArray();
    long from = 0;
    while (from < 997) {
      JsonObject page = ok("read", new JsonObject().put("topic", "bulk").put("from", new JsonObject().put("offset", from))
          .put("limit", 1000));
      page.getJsonArray("messages").forEach(stored::add);
      from = page.getLong("next");
    }
    assertThat(stored).hasSize(997);
    int n = 0;
    for (int i = 0; i < 1000; i++) {
      if (i != 10 && i != 500 && i != 999) {
        assertThat(stored.getJsonObject(n++).getInteger("payload")).isEqualTo(i);
      }
    }
  }

  @Test
  void readPagesAndReportsNext() {
    for (int i = 0; i < 5; i++) {
      ok("publish", new JsonObject().put("topic", "r").put("payload", i));
    }
    JsonObject page = ok("read", new JsonObject().put("topic", "r").put("from", new JsonObject().put("offset", 1))
        .put("limit", 2));
    assertThat(page.getJsonArray("messages")).hasSize(2);
    assertThat(page.getJsonArray("messages").getJsonObject(0).getInteger("payload")).isEqualTo(1);
    assertThat(page.getLong("next")).isEqualTo(3);
    JsonObject end = ok("read", new JsonObject().put("topic", "r").put("from", "latest"));
    assertThat(end.getJsonArray("messages")).isEmpty();
    assertThat(end.getLong("next")).isEqualTo(5);
    JsonObject beyond = ok("read", new JsonObject().put("topic", "r").put("from", new JsonObject().put("offset", 99)));
    assertThat(beyond.getLong("next")).isEqualTo(5);
    JsonObject byTime = ok("read", new JsonObject().put("topic", "r").put("from", new JsonObject().put("timestamp", 0)));
    assertThat(byTime.getJsonArray("messages")).hasSize(5);
  }

  @Test
  void readStopsBeforeTheByteLimitButAlwaysReturnsOne() {
    for (int i = 0; i < 3; i++) {
      ok("publish", new JsonObject().put("topic", "bytes").put("payload", "y".repeat(1500)));
    }
    JsonObject page = ok("read", new JsonObject().put("topic", "bytes").put("limit", 3));
    assertThat(page.getJsonArray("messages")).hasSize(1);
    assertThat(page.getLong("next")).isEqualTo(1);
  }

  @Test
  void exactDecimalsSurviveTheRoundTrip() {
    JsonObject payload = new JsonObject("{\"price\": 19.99, \"big\": 123456789012345678901234567890.123456789}");
    ok("publish", new JsonObject().put("topic", "dec").put("payload", payload));
    JsonObject stored = ok("read", new JsonObject().put("topic", "dec")).getJsonArray("messages").getJsonObject(0);
    assertThat(stored.getJsonObject("payload").encode())
        .isEqualTo("{\"price\":19.99,\"big\":123456789012345678901234567890.123456789}");
  }
}
