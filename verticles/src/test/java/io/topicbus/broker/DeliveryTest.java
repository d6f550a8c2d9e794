package io.topicbus.broker;

import io.topicbus.testing.Await;
import io.topicbus.client.ClientSubscription;
import io.topicbus.client.Delivery;
import io.topicbus.client.PublishOptions;
import io.topicbus.client.SubscribeOptions;
import io.topicbus.client.TopicBusClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Delivery semantics of SPEC section 3 on a real event bus: order, retries, dead letters, groups, isolation. */
@ExtendWith(VertxExtension.class)
class DeliveryTest {

  private TopicBusClient client;

  @BeforeEach
  void deploy(Vertx vertx) {
    Await.result(Brokers.deploy(vertx));
    client = TopicBusClient.create(vertx);
  }

  private void publishAll(String topic, int count, java.util.function.IntFunction<PublishOptions> options) {
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(client.publish(topic, new JsonObject().put("n", i), options == null ? null : options.apply(i)));
    }
    Await.result(Future.all(all));
  }

  @Test
  void tenThousandMessagesReachThreeBroadcastSubscribersInOrder() {
    List<List<Long>> received = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
        new CopyOnWriteArrayList<>());
    SubscribeOptions[] options = {new SubscribeOptions(), new SubscribeOptions().setMaxInFlight(20),
        new SubscribeOptions().setAckNone(true)};
    for (int s = 0; s < 3; s++) {
      List<Long> sink = received.get(s);
      Await.result(client.subscribe("orders.*", options[s], (Delivery d) -> sink.add(d.offset())));
    }
    publishAll("orders.created", 10_000, null);
    await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().allMatch(r -> r.size() >= 10_000));
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < 10_000; i++) {
      expected.add(i);
    }
    for (List<Long> r : received) {
      assertThat(r).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void aSubscriberThatFailsTwiceGetsAttemptThree() {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    Await.result(client.subscribe("jobs.#", new SubscribeOptions(), d -> {
      attempts.add(d.attempt());
      return d.attempt() < 3 ? Future.failedFuture("not yet") : Future.succeededFuture();
    }));
    Await.result(client.publish("jobs.a", "work"));
    await().atMost(Duration.ofSeconds(10)).until(() -> attempts.size() >= 3);
    assertThat(attempts).containsExactly(1, 2, 3);
    JsonObject sub = Await.result(client.subscriptions()).getJsonArray("subscriptions").getJsonObject(0);
    await().atMost(Duration.ofSeconds(5)).until(() ->
        Await.result(client.subscriptions()).getJsonArray("subscriptions").getJsonObject(0).getLong("delivered") == 1);
    assertThat(sub.getLong("redelivered")).isEqualTo(2);
  }

  @Test
  void aNackBodyCountsAsAFailedAttempt(Vertx vertx) {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    String address = "topicbus.client.nacker";
    vertx.eventBus().<JsonObject>consumer(address, m -> {
      attempts.add(m.body().getInteger("attempt"));
      m.reply(m.body().getInteger("attempt") == 1 ? new JsonObject().put("nack", true) : new JsonObject());
    });
    Await.result(vertx.eventBus().request("topicbus.subscribe",
        new JsonObject().put("pattern", "n.#").put("address", address)));
    Await.result(client.publish("n.x", 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> attempts.size() >= 2);
    assertThat(attempts).containsExactly(1, 2);
  }

  @Test
  void aSubscriberThatAlwaysFailsEndsInTheDeadLetterTopic() {
    AtomicInteger calls = new AtomicInteger();
    ClientSubscription sub = Await.result(client.subscribe("pay.#", new SubscribeOptions().setMaxAttempts(3), d -> {
      calls.incrementAndGet();
      return Future.failedFuture("card declined");
    }));
    Await.result(client.publish("pay.eu", new JsonObject().put("amount", 5),
        new PublishOptions().setKey("k1").putHeader("type", "Payment")));
    String dlq = "dlq." + sub.id();
    await().atMost(Duration.ofSeconds(10)).until(() -> topicExists(dlq));
    JsonObject read = Await.result(client.read(dlq, "earliest", 10));
    JsonArray messages = read.getJsonArray("messages");
    assertThat(messages).hasSize(1);
    JsonObject dead = messages.getJsonObject(0);
    assertThat(dead.getJsonObject("payload")).isEqualTo(new JsonObject().put("amount", 5));
    assertThat(dead.getString("key")).isEqualTo("k1");
    JsonObject headers = dead.getJsonObject("headers");
    assertThat(headers.getString("type")).isEqualTo("Payment");
    assertThat(headers.getString("dlq-topic")).isEqualTo("pay.eu");
    assertThat(headers.getLong("dlq-offset")).isEqualTo(0);
    assertThat(headers.getInteger("dlq-attempts")).isEqualTo(3);
    assertThat(headers.getString("dlq-reason")).isEqualTo("card declined");
    assertThat(calls.get()).isEqualTo(3);
    await().atMost(Duration.ofSeconds(5)).until(() -> Await.result(client.subscriptions())
        .getJsonArray("subscriptions").getJsonObject(0).getLong("deadLettered") == 1);
  }

  @Test
  void anUnansweredDeliveryTimesOutAndIsDeadLetteredWithReasonTimeout(Vertx vertx) {
    String address = "topicbus.client.silent";
    vertx.eventBus().consumer(address, m -> { });
    JsonObject reply = Await.result(vertx.eventBus().<JsonObject>request("topicbus.subscribe", new JsonObject()
        .put("pattern", "t.#").put("address", address).put("maxAttempts", 2).put("ackTimeoutMs", 100))).body();
    Await.result(client.publish("t.1", "x"));
    String dlq = "dlq." + reply.getString("subscriptionId");
    await().atMost(Duration.ofSeconds(10)).until(() -> topicExists(dlq));
    JsonObject dead = Await.result(client.read(dlq, "earliest", 10)).getJsonArray("messages").getJsonObject(0);
    assertThat(dead.getJsonObject("headers").getString("dlq-reason")).isEqualTo("timeout");
  }

  private boolean topicExists(String name) {
    return Await.result(client.topics()).getJsonArray("topics").stream()
        .anyMatch(t -> ((JsonObject) t).getString("name").equals(name));
  }

  @Test
  void threeGroupMembersShareThreeThousandMessagesWithKeyAffinity() {
    Map<String, List<Delivery>> byMember = new ConcurrentHashMap<>();
    for (int m = 0; m < 3; m++) {
      String member = "m" + m;
      byMember.put(member, new CopyOnWriteArrayList<>());
      Await.result(client.subscribe("shop.#", new SubscribeOptions().setGroup("billing").setMaxInFlight(5),
          (Delivery d) -> byMember.get(member).add(d)));
    }
    publishAll("shop.orders", 3000, i -> new PublishOptions().setKey("customer-" + (i % 50)));
    await().atMost(Duration.ofSeconds(30)).until(() -> byMember.values().stream().mapToInt(List::size).sum() >= 3000);
    Set<Long> offsets = new HashSet<>();
    Map<String, String> memberOfKey = new HashMap<>();
    for (Map.Entry<String, List<Delivery>> entry : byMember.entrySet()) {
      for (Delivery d : entry.getValue()) {
        assertThat(offsets.add(d.offset())).as("offset %d delivered twice", d.offset()).isTrue();
        String before = memberOfKey.putIfAbsent(d.key(), entry.getKey());
        assertThat(before == null || before.equals(entry.getKey())).as("key %s went to two members", d.key()).isTrue();
      }
      assertThat(entry.getValue()).as("every member gets a share").isNotEmpty();
    }
    assertThat(offsets).hasSize(3000);
  }

  @Test
  void unkeyedGroupMessagesAreSpreadOverMembers() {
    Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
    for (int m = 0; m < 3; m++) {
      AtomicInteger count = counts.computeIfAbsent(m, k -> new AtomicInteger());
      Await.result(client.subscribe("spread", new SubscribeOptions().setGroup("g").setMaxInFlight(2),
          (Delivery d) -> count.incrementAndGet()));
    }
    publishAll("spread", 300, null);
    await().atMost(Duration.ofSeconds(20)).until(() -> counts.values().stream().mapToInt(AtomicInteger::get).sum() >= 300);
    counts.values().forEach(c -> assertThat(c.get()).isGreaterThan(0));
  }

  @Test
  void aMemberThatLeavesMidStreamLosesNothing(Vertx vertx) {
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger leaverCount = new AtomicInteger();
    Promise<ClientSubscription> leaver = Promise.promise();
    ClientSubscription stayer = Await.result(client.subscribe("stream", new SubscribeOptions().setGroup("g2")
        .setMaxInFlight(4), (Delivery d) -> seen.add(d.offset())));
    ClientSubscription leaving = Await.result(client.subscribe("stream", new SubscribeOptions().setGroup("g2")
        .setMaxInFlight(4), d -> {
      // Holds some deliveries unacked, then leaves with them outstanding.
      if (leaverCount.incrementAndGet() > 100) {
        return Promise.promise().future();
      }
      seen.add(d.offset());
      return Future.succeededFuture();
    }));
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      all.add(client.publish("stream", i));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> leaverCount.get() > 100);
    Await.result(leaving.unsubscribe());
    Await.result(Future.all(all));
    await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 2000);
    assertThat(seen).hasSize(2000);
    assertThat(stayer.id()).isNotNull();
  }

  @Test
  void aStuckSubscriberDoesNotSlowTheOthers(Vertx vertx) {
    vertx.eventBus().consumer("topicbus.client.stuck", m -> { /* never answers */ });
    Await.result(vertx.eventBus().request("topicbus.subscribe", new JsonObject().put("pattern", "#")
        .put("address", "topicbus.client.stuck").put("ackTimeoutMs", 300_000)));
    List<Long> fast = new CopyOnWriteArrayList<>();
    Await.result(client.subscribe("#", new SubscribeOptions().setMaxInFlight(10), (Delivery d) -> fast.add(d.offset())));
    publishAll("load.test", 2000, null);
    await().atMost(Duration.ofSeconds(20)).until(() -> fast.size() >= 2000);
    JsonArray subs = Await.result(client.subscriptions()).getJsonArray("subscriptions");
    JsonObject stuck = subs.stream().map(o -> (JsonObject) o)
        .filter(s -> s.getString("address").equals("topicbus.client.stuck")).findFirst().orElseThrow();
    assertThat(stuck.getInteger("inFlight")).isEqualTo(1);
    assertThat(stuck.getLong("pending")).isGreaterThanOrEqualTo(1998);
  }

  @Test
  void filtersSelectWhatIsDelivered() {
    List<Long> got = new CopyOnWriteArrayList<>();
    Await.result(client.subscribe("orders.#", new SubscribeOptions().setFilter("payload.total > 100"),
        (Delivery d) -> got.add(d.offset())));
    Await.result(client.publish("orders.a", new JsonObject().put("total", 50)));
    Await.result(client.publish("orders.a", new JsonObject().put("total", 150)));
    Await.result(client.publish("orders.b", new JsonObject().put("total", 101)));
    await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 2);
    assertThat(got).containsExactlyInAnyOrder(1L, 0L);
  }

  @Test
  void fromEarliestReplaysAndATopicCreatedLaterIsReadFromItsStart() {
    Await.result(client.publish("replay.a", 1));
    Await.result(client.publish("replay.a", 2));
    Map<String, List<Long>> got = new ConcurrentHashMap<>();
    Await.result(client.subscribe("replay.*", new SubscribeOptions().fromEarliest(),
        (Delivery d) -> got.computeIfAbsent(d.topic(), t -> new CopyOnWriteArrayList<>()).add(d.offset())));
    Await.result(client.publish("replay.b", 3));
    await().atMost(Duration.ofSeconds(10)).until(() -> got.values().stream().mapToInt(List::size).sum() >= 3);
    assertThat(got.get("replay.a")).containsExactly(0L, 1L);
    assertThat(got.get("replay.b")).containsExactly(0L);
  }

  @Test
  void fromLatestSkipsWhatWasThere() {
    Await.result(client.publish("late.a", 1));
    List<Long> got = new CopyOnWriteArrayList<>();
    Await.result(client.subscribe("late.a", new SubscribeOptions(), (Delivery d) -> got.add(d.offset())));
    Await.result(client.publish("late.a", 2));
    await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 1);
    assertThat(got).containsExactly(1L);
  }

  @Test
  void idempotentPublishStoresOnce() {
    PublishOptions withId = new PublishOptions().setId("order-42");
    var first = Await.result(client.publish("idem", "a", withId));
    var again = Await.result(client.publish("idem", "b", withId));
    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.offset()).isEqualTo(first.offset());
    List<Future<io.topicbus.client.PublishResult>> concurrent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      concurrent.add(client.publish("idem", i, new PublishOptions().setId("burst")));
    }
    Await.result(Future.all(concurrent));
    Set<Long> offsets = new HashSet<>();
    concurrent.forEach(f -> offsets.add(f.result().offset()));
    assertThat(offsets).hasSize(1);
    JsonObject topic = Await.result(client.topics()).getJsonArray("topics").getJsonObject(0);
    assertThat(topic.getLong("messages")).isEqualTo(2);
  }

  @Test
  void unsubscribedDeliveriesStop() {
    List<Long> got = Collections.synchronizedList(new ArrayList<>());
    ClientSubscription sub = Await.result(client.subscribe("u", new SubscribeOptions(), (Delivery d) -> got.add(d.offset())));
    Await.result(client.publish("u", 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 1);
    Await.result(sub.unsubscribe());
    Await.result(client.publish("u", 2));
    assertThat(Await.result(client.subscriptions()).getJsonArray("subscriptions")).isEmpty();
    assertThat(got).containsExactly(0L);
  }
}
