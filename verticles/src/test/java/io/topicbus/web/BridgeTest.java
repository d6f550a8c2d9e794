package io.topicbus.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static io.topicbus.web.BridgeClient.isFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every bridge rule of SPEC section 5, each refusal included, over a raw SockJS WebSocket against a
 * real server and broker.
 */
@ExtendWith(VertxExtension.class)
class BridgeTest {

  private Vertx vertx;
  private WebServer server;
  private final List<BridgeClient> clients = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    server = WebServer.on(vertx).config(new JsonObject()
            .put("limits.maxMessageBytes", 10_000)
            .put("bridge.maxSubscriptionsPerSocket", 3)
            .put("bridge.publishAllow", new JsonArray().add("orders.#").add("chat.#"))
            .put("bridge.subscribeAllow", new JsonArray().add("orders.#").add("inventory.#")))
        .tuning(limits -> limits.withTimeouts(limits.idleTimeoutMs(), 1_500))
        .startAndWait();
  }

  @AfterEach
  void closeClients() {
    clients.forEach(BridgeClient::close);
  }

  private BridgeClient client() {
    BridgeClient client = BridgeClient.connect(vertx, server.port);
    clients.add(client);
    return client;
  }

  private static JsonObject order(Object payload) {
    return new JsonObject().put("topic", "orders.eu.created").put("payload", payload);
  }

  private JsonObject subscriptionsListing() {
    return WebServer.await(vertx.eventBus().<JsonObject>request("topicbus.subscriptions", new JsonObject())).body();
  }

  // ---- requests and deliveries ----

  @Test
  void aPublishIsAnsweredWithItsOffset() {
    JsonObject answer = client().request("topicbus.publish", order(new JsonObject().put("total", 19.99)));
    assertThat(answer.getString("type")).isEqualTo("rec");
    assertThat(answer.getJsonObject("body").getLong("offset")).isZero();
  }

  @Test
  void aDeliveryArrivesOnTheInboxAndAnyReplyAcksIt() {
    BridgeClient browser = client();
    String inbox = BridgeClient.inbox();
    JsonObject subscribed = browser.subscribe(inbox, new JsonObject().put("pattern", "orders.#").put("filter", "payload.total > 100"));
    assertThat(subscribed.getString("type")).isEqualTo("rec");
    String id = subscribed.getJsonObject("body").getString("subscriptionId");
    assertThat(subscribed.getJsonObject("body").getLong("since")).isPositive();
    browser.request("topicbus.publish", order(new JsonObject().put("total", 5)));
    browser.request("topicbus.publish", order(new JsonObject().put("total", new java.math.BigDecimal("150.50"))));
    JsonObject delivery = browser.nextOn(inbox);
    JsonObject body = delivery.getJsonObject("body");
    assertThat(body.getString("subscriptionId")).isEqualTo(id);
    assertThat(body.getLong("offset")).isEqualTo(1);
    assertThat(body.getJsonObject("payload").getValue("total")).hasToString("150.50");
    assertThat(delivery.getString("replyAddress")).isNotBlank();
    browser.send(new JsonObject().put("type", "send").put("address", delivery.getString("replyAddress")).put("body", new JsonObject()));
    await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
        subscriptionsListing().getJsonArray("subscriptions").getJsonObject(0).getLong("delivered") == 1);
    browser.expectNone(f -> inbox.equals(f.getString("address")), 300);
  }

  @Test
  void aNackReplyIsRedelivered() {
    BridgeClient browser = client();
    String inbox = BridgeClient.inbox();
    browser.subscribe(inbox, new JsonObject().put("pattern", "orders.#"));
    browser.request("topicbus.publish", order(1));
    JsonObject first = browser.nextOn(inbox);
    browser.send(new JsonObject().put("type", "send").put("address", first.getString("replyAddress"))
        .put("body", new JsonObject().put("nack", true)));
    JsonObject second = browser.nextOn(inbox);
    assertThat(second.getJsonObject("body").getInteger("attempt")).isEqualTo(2);
  }

  @Test
  void publishFramesAreHandledLikeSends() {
    BridgeClient browser = client();
    browser.send(new JsonObject().put("type", "publish").put("address", "topicbus.publish").put("body", order(1)));
    await().atMost(java.time.Duration.ofSeconds(5)).until(() -> WebServer.await(vertx.eventBus()
        .<JsonObject>request("topicbus.topics", new JsonObject())).body().getJsonArray("topics").size() == 1);
    browser.send(new JsonObject().put("type", "publish").put("address", "topicbus.subscriptions").put("body", new JsonObject()));
    assertThat(browser.next(f -> "err".equals(f.getString("type"))).getInteger("failureCode")).isEqualTo(403);
  }

  @Test
  void numbersKeepTheirDecimalTextThroughTheBridge() {
    BridgeClient browser = client();
    String inbox = BridgeClient.inbox();
    browser.subscribe(inbox, new JsonObject().put("pattern", "orders.#"));
    browser.sendRaw("{\"type\":\"send\",\"address\":\"topicbus.publish\",\"replyAddress\":\"r1\","
        + "\"body\":{\"topic\":\"orders.x\",\"payload\":{\"total\":0.1000000000000000000000001}}}");
    JsonObject delivery = browser.nextOn(inbox);
    assertThat(delivery.getJsonObject("body").getJsonObject("payload").getValue("total")).hasToString("0.1000000000000000000000001");
  }

  // ---- inbound: permitted addresses and own replies only ----

  @Test
  void onlyTheServiceAddressesArePermittedInbound() {
    BridgeClient browser = client();
    for (String address : new String[] {"topicbus.subscriptions", "some.service", "inventory.secret", "topicbus.client.x"}) {
      JsonObject answer = browser.request(address, new JsonObject());
      assertThat(isFailure(answer, 403)).as(address).isTrue();
      assertThat(answer.getString("message")).contains("not open to browsers");
    }
    browser.send(new JsonObject().put("type", "send").put("address", "some.service").put("body", new JsonObject()));
    JsonObject err = browser.next(f -> "err".equals(f.getString("type")) && !f.containsKey("address"));
    assertThat(err.getInteger("failureCode")).isEqualTo(403);
    assertThat(err.getString("body")).isEqualTo("access_denied");
  }

  @Test
  void theEventBusReplyAddressesCannotBeGuessed() {
    BridgeClient browser = client();
    for (int n = 0; n < 20; n++) {
      assertThat(isFailure(browser.request("__vertx.reply." + n, new JsonObject()), 403)).isTrue();
    }
    assertThat(isFailure(browser.request("reply.1", new JsonObject()), 403)).isTrue();
  }

  @Test
  void onlyTheSocketThatGotADeliveryCanAnswerIt() {
    BridgeClient owner = client();
    BridgeClient other = client();
    String inbox = BridgeClient.inbox();
    owner.subscribe(inbox, new JsonObject().put("pattern", "orders.#"));
    owner.request("topicbus.publish", order(1));
    String replyAddress = owner.nextOn(inbox).getString("replyAddress");
    JsonObject stolen = other.request(replyAddress, new JsonObject().put("nack", true));
    assertThat(isFailure(stolen, 403)).isTrue();
    owner.send(new JsonObject().put("type", "send").put("address", replyAddress).put("body", new JsonObject()));
    await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
        subscriptionsListing().getJsonArray("subscriptions").getJsonObject(0).getLong("delivered") == 1);
    assertThat(subscriptionsListing().getJsonArray("subscriptions").getJsonObject(0).getLong("redelivered")).isZero();
  }

  @Test
  void aReplyIsAcceptedOnlyOnceAndOnlyWithinTheReplyWindow() throws InterruptedException {
    BridgeClient browser = client();
    String inbox = BridgeClient.inbox();
    browser.subscribe(inbox, new JsonObject().put("pattern", "orders.#").put("ackTimeoutMs", 60_000));
    browser.request("topicbus.publish", order(1));
    browser.request("topicbus.publish", order(2));
    String first = browser.nextOn(inbox).getString("replyAddress");
    browser.send(new JsonObject().put("type", "send").put("address", first).put("body", new JsonObject()));
    browser.send(new JsonObject().put("type", "send").put("address", first).put("body", new JsonObject()));
    assertThat(browser.next(f -> isFailure(f, 403)).getString("message")).as("answered already").contains("not open to browsers");
    String second = browser.nextOn(inbox).getString("replyAddress");
    Thread.sleep(3_000);
    assertThat(isFailure(browser.request(second, new JsonObject()), 403)).as("past the reply window").isTrue();
  }

  // ---- outbound: client inboxes only, owned by their first registrant ----

  @Test
  void onlyClientInboxesCanBeRegistered() {
    BridgeClient browser = client();
    for (String address : new String[] {"topicbus.publish", "orders.eu", "inventory.add", "topicbus.client."}) {
      browser.register(address);
      JsonObject err = browser.nextOn(address);
      assertThat(isFailure(err, 403)).as(address).isTrue();
    }
  }

  @Test
  void anInboxBelongsToTheFirstSocketThatRegistersIt() {
    BridgeClient owner = client();
    BridgeClient intruder = client();
    String inbox = BridgeClient.inbox();
    owner.subscribe(inbox, new JsonObject().put("pattern", "orders.#"));
    intruder.register(inbox);
    assertThat(isFailure(intruder.nextOn(inbox), 403)).isTrue();
    JsonObject hijack = intruder.request("topicbus.subscribe", new JsonObject().put("pattern", "orders.#").put("address", inbox));
    assertThat(isFailure(hijack, 403)).isTrue();
    owner.request("topicbus.publish", order(1));
    assertThat(owner.nextOn(inbox).getJsonObject("body").getLong("offset")).isZero();
    intruder.expectNone(f -> inbox.equals(f.getString("address")) && "rec".equals(f.getString("type")), 300);
  }

  @Test
  void anUnregisteredInboxStaysItsSocketsUntilItCloses() {
    BridgeClient owner = client();
    BridgeClient other = client();
    String inbox = BridgeClient.inbox();
    owner.register(inbox);
    owner.send(new JsonObject().put("type", "unregister").put("address", inbox));
    owner.sync();
    other.register(inbox);
    assertThat(isFailure(other.nextOn(inbox), 403)).isTrue();
    owner.register(inbox);
    assertThat(owner.subscribe(inbox, new JsonObject().put("pattern", "orders.#")).getString("type")).isEqualTo("rec");
    owner.close();
    await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
      BridgeClient late = client();
      late.register(inbox);
      assertThat(late.subscribe(inbox, new JsonObject().put("pattern", "orders.#")).getString("type")).isEqualTo("rec");
    });
  }

  @Test
  void unregisteringAnotherSocketsInboxIsRefused() {
    BridgeClient owner = client();
    BridgeClient other = client();
    String inbox = BridgeClient.inbox();
    owner.register(inbox);
    other.send(new JsonObject().put("type", "unregister").put("address", inbox));
    assertThat(isFailure(other.nextOn(inbox), 403)).isTrue();
  }

  @Test
  void aSubscribeMayOnlyNameTheSocketsOwnInbox() {
    BridgeClient browser = client();
    JsonObject answer = browser.request("topicbus.subscribe",
        new JsonObject().put("pattern", "orders.#").put("address", BridgeClient.inbox()));
    assertThat(isFailure(answer, 403)).isTrue();
    assertThat(answer.getString("message")).contains("not registered by this socket");
  }

  @Test
  void aSubscribeRightAfterItsRegisterNeverLosesTheRace() {
    BridgeClient browser = client();
    List<String> replies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String inbox = BridgeClient.inbox();
      browser.register(inbox);
      replies.add(browser.send("topicbus.subscribe", new JsonObject().put("pattern", "orders.#").put("address", inbox)));
    }
    for (String reply : replies) {
      assertThat(browser.answerTo(reply).getString("type")).isEqualTo("rec");
    }
  }

  @Test
  void anUnsubscribeMayOnlyNameTheSocketsOwnSubscription() {
    BridgeClient owner = client();
    BridgeClient other = client();
    String id = owner.subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "orders.#"))
        .getJsonObject("body").getString("subscriptionId");
    JsonObject foreign = other.request("topicbus.unsubscribe", new JsonObject().put("subscriptionId", id));
    assertThat(isFailure(foreign, 403)).isTrue();
    JsonObject unknown = other.request("topicbus.unsubscribe", new JsonObject().put("subscriptionId", "sDoesNotExist"));
    assertThat(isFailure(unknown, 403)).as("same answer as for a foreign id").isTrue();
    assertThat(foreign.getString("message")).isEqualTo("no subscription " + id + " on this socket");
    JsonObject own = owner.request("topicbus.unsubscribe", new JsonObject().put("subscriptionId", id));
    assertThat(own.getJsonObject("body").getString("subscriptionId")).isEqualTo(id);
    assertThat(isFailure(owner.request("topicbus.unsubscribe", new JsonObject().put("subscriptionId", id)), 403)).isTrue();
    assertThat(subscriptionsListing().getJsonArray("subscriptions")).isEmpty();
  }

  // ---- topics: system topics and ACLs ----

  @Test
  void systemTopicsCannotBePublishedFromBrowsers() {
    BridgeClient browser = client();
    for (String topic : new String[] {"dlq.s1", "inventory.widget.changed"}) {
      JsonObject answer = browser.request("topicbus.publish", new JsonObject().put("topic", topic).put("payload", 1));
      assertThat(isFailure(answer, 403)).as(topic).isTrue();
    }
  }

  @Test
  void publishAllowSubscribeAllowAndReadsAreEnforced() {
    BridgeClient browser = client();
    assertThat(isFailure(browser.request("topicbus.publish", new JsonObject().put("topic", "billing.x").put("payload", 1)), 403)).isTrue();
    assertThat(browser.request("topicbus.publish", new JsonObject().put("topic", "chat.room").put("payload", 1))
        .getString("type")).isEqualTo("rec");
    assertThat(isFailure(browser.subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "#")), 403)).isTrue();
    assertThat(isFailure(browser.subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "chat.#")), 403)).isTrue();
    assertThat(browser.subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "orders.eu.*")).getString("type")).isEqualTo("rec");
    assertThat(browser.subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "inventory.#")).getString("type")).isEqualTo("rec");
    assertThat(isFailure(browser.request("topicbus.read", new JsonObject().put("topic", "chat.room")), 403)).isTrue();
    browser.request("topicbus.publish", order(1));
    JsonObject read = browser.request("topicbus.read", new JsonObject().put("topic", "orders.eu.created"));
    assertThat(read.getJsonObject("body").getJsonArray("messages")).hasSize(1);
    JsonObject invalid = browser.request("topicbus.publish", new JsonObject().put("topic", "orders..x").put("payload", 1));
    assertThat(isFailure(invalid, 400)).as("invalid names are the broker's 400").isTrue();
  }

  @Test
  void aBatchGetsRefusalsInPlace() {
    JsonObject answer = client().request("topicbus.publishBatch", new JsonObject().put("messages", new JsonArray()
        .add(order(1)).add(new JsonObject().put("topic", "dlq.x").put("payload", 2)).add(order(3))));
    JsonArray results = answer.getJsonObject("body").getJsonArray("results");
    assertThat(results.getJsonObject(0).getLong("offset")).isZero();
    assertThat(results.getJsonObject(1).getJsonObject("error").getInteger("code")).isEqualTo(403);
    assertThat(results.getJsonObject(2).getLong("offset")).isEqualTo(1);
  }

  // ---- limits ----

  @Test
  void subscriptionsPerSocketAreCapped() {
    BridgeClient browser = client();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(browser.subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "orders.#"))
          .getJsonObject("body").getString("subscriptionId"));
    }
    JsonObject fourth = browser.subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "orders.#"));
    assertThat(isFailure(fourth, 429)).isTrue();
    assertThat(fourth.getString("message")).contains("bridge.maxSubscriptionsPerSocket");
    browser.request("topicbus.unsubscribe", new JsonObject().put("subscriptionId", ids.get(0)));
    assertThat(browser.subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "orders.#")).getString("type")).isEqualTo("rec");
    assertThat(client().subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "orders.#")).getString("type"))
        .as("the cap is per socket").isEqualTo("rec");
  }

  @Test
  void handlersPerSocketAreCappedAtAThousand() {
    BridgeClient browser = client();
    for (int i = 0; i < 1000; i++) {
      browser.register(BridgeClient.inbox());
    }
    String extra = BridgeClient.inbox();
    browser.register(extra);
    assertThat(isFailure(browser.nextOn(extra), 429)).isTrue();
    assertThat(isFailure(browser.request("topicbus.topics", new JsonObject()), 429)).isTrue();
  }

  @Test
  void anOversizedRequestGets413OnItsReplyAddress() {
    BridgeClient browser = client();
    // Over twice limits.maxMessageBytes: refused by the bridge itself, the socket stays open.
    JsonObject huge = browser.request("topicbus.publish", order("x".repeat(25_000)));
    assertThat(isFailure(huge, 413)).isTrue();
    // Within the frame limit but over the message limit: the broker's 413.
    JsonObject big = browser.request("topicbus.publish", order("x".repeat(15_000)));
    assertThat(isFailure(big, 413)).isTrue();
    assertThat(browser.request("topicbus.publish", order(1)).getString("type")).isEqualTo("rec");
    assertThat(browser.isClosed()).isFalse();
  }

  // ---- malformed frames ----

  @Test
  void malformedFramesGetAnErrFrameAndTheSocketLivesOn() {
    BridgeClient browser = client();
    String[] frames = {
        "not json",
        "[1, 2]",
        "42",
        "{}",
        "{\"type\": 7}",
        "{\"type\": \"bogus\", \"address\": \"x\"}",
        "{\"type\": \"send\"}",
        "{\"type\": \"send\", \"address\": \"\"}",
        "{\"type\": \"send\", \"address\": \"topicbus.publish\", \"headers\": \"text\"}",
        "{\"type\": \"send\", \"address\": \"topicbus.publish\", \"headers\": {\"a\": {\"b\": 1}}}",
        "{\"type\": \"send\", \"address\": \"topicbus.publish\", \"replyAddress\": 5}",
    };
    for (String frame : frames) {
      browser.sendRaw(frame);
      JsonObject err = browser.next(f -> "err".equals(f.getString("type")));
      assertThat(err.getInteger("failureCode")).as(frame).isEqualTo(400);
      assertThat(err.getString("body")).as(frame).isNotBlank();
    }
    assertThat(browser.request("topicbus.publish", order(1)).getString("type")).isEqualTo("rec");
  }

  @Test
  void aMalformedFrameWithAReplyAddressIsAnsweredThere() {
    BridgeClient browser = client();
    browser.sendRaw("{\"type\": \"send\", \"address\": \"topicbus.publish\", \"replyAddress\": \"r-9\", \"headers\": [1]}");
    assertThat(isFailure(browser.nextOn("r-9"), 400)).isTrue();
    browser.sendRaw("{\"type\": \"register\", \"address\": \"topicbus.client.z\", \"headers\": 3}");
    assertThat(isFailure(browser.nextOn("topicbus.client.z"), 400)).isTrue();
  }

  @Test
  void invalidUtf8IsAMalformedFrame() {
    BridgeClient browser = client();
    WebServer.await(browser.socket().writeBinaryMessage(Buffer.buffer(new byte[] {'{', '"', (byte) 0xFF, '"', '}'})));
    JsonObject err = browser.next(f -> "err".equals(f.getString("type")));
    assertThat(err.getString("body")).isEqualTo("invalid_utf8");
  }

  @Test
  void aFailedRequestWithoutReplyAddressStillGetsAnErrFrame() {
    BridgeClient browser = client();
    browser.send(new JsonObject().put("type", "send").put("address", "topicbus.publish").put("body", new JsonObject().put("topic", "orders.a")));
    JsonObject err = browser.next(f -> "err".equals(f.getString("type")));
    assertThat(err.getInteger("failureCode")).isEqualTo(400);
    assertThat(err.getString("message")).startsWith("payload:");
  }

  // ---- lifetime ----

  @Test
  void closingTheSocketEndsItsSubscriptions() {
    BridgeClient browser = client();
    browser.subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "orders.#"));
    browser.subscribe(BridgeClient.inbox(), new JsonObject().put("pattern", "inventory.#").put("group", "g1"));
    assertThat(subscriptionsListing().getJsonArray("subscriptions")).hasSize(2);
    browser.close();
    await().atMost(java.time.Duration.ofSeconds(5)).until(() -> subscriptionsListing().getJsonArray("subscriptions").isEmpty());
  }
}
