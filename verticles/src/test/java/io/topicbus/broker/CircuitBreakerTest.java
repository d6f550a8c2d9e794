package io.topicbus.broker;

import io.topicbus.testing.Await;
import io.topicbus.client.SubscribeOptions;
import io.topicbus.client.TopicBusClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SPEC section 10: a subscriber that is down keeps its backlog instead of dead-lettering it. */
@ExtendWith(VertxExtension.class)
class CircuitBreakerTest {

  private TopicBusClient client;

  @BeforeEach
  void deploy(Vertx vertx) {
    Await.result(Brokers.deploy(vertx, new JsonObject()
        .put("subscriptions.breakerFailures", 5)
        .put("subscriptions.breakerResetMs", 1000)));
    client = TopicBusClient.create(vertx);
  }

  private JsonObject subscription() {
    return Await.result(client.subscriptions()).getJsonArray("subscriptions").getJsonObject(0);
  }

  @Test
  void fiveFailuresInARowOpenTheCircuitAndTheTrialAfterTheResetClosesIt() {
    AtomicBoolean down = new AtomicBoolean(true);
    AtomicInteger calls = new AtomicInteger();
    Set<Long> delivered = ConcurrentHashMap.newKeySet();
    Await.result(client.subscribe("orders.#", new SubscribeOptions().setMaxAttempts(50).setMaxInFlight(1), d -> {
      calls.incrementAndGet();
      if (down.get()) {
        return Future.failedFuture("database down");
      }
      delivered.add(d.offset());
      return Future.succeededFuture();
    }));
    for (int i = 0; i < 20; i++) {
      Await.result(client.publish("orders.eu", i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(subscription().getString("circuit")));
    int callsWhenOpened = calls.get();
    assertThat(callsWhenOpened).isEqualTo(5);

    // While open: no attempts at all, so nothing moves towards the dead-letter topic.
    long openedAt = System.currentTimeMillis();
    await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() - openedAt >= 700);
    assertThat(calls.get()).isEqualTo(callsWhenOpened);
    assertThat(subscription().getLong("deadLettered")).isZero();

    // The subscriber recovers: the half-open trial succeeds, the circuit closes, the backlog flows.
    down.set(false);
    await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 20);
    assertThat(subscription().getString("circuit")).isEqualTo("closed");
    assertThat(subscription().getLong("deadLettered")).isZero();
    assertThat(Await.result(client.topics()).getJsonArray("topics")).hasSize(1);
  }

  @Test
  void aFailedTrialOpensTheCircuitAgainWithOneAttemptOnly() {
    List<Long> attemptTimes = new CopyOnWriteArrayList<>();
    Await.result(client.subscribe("pay", new SubscribeOptions().setMaxAttempts(100), d -> {
      attemptTimes.add(System.currentTimeMillis());
      return Future.failedFuture("still down");
    }));
    Await.result(client.publish("pay", "x"));
    await().atMost(Duration.ofSeconds(10)).until(() -> attemptTimes.size() >= 6);
    // Five to open, then exactly one trial per reset period.
    long sixth = attemptTimes.get(5);
    long fifth = attemptTimes.get(4);
    assertThat(sixth - fifth).isGreaterThanOrEqualTo(900);
    await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(subscription().getString("circuit")));
    assertThat(attemptTimes).hasSizeLessThanOrEqualTo(7);
  }

  @Test
  void successesBetweenFailuresKeepTheCircuitClosed() {
    AtomicInteger n = new AtomicInteger();
    Await.result(client.subscribe("flaky", new SubscribeOptions().setMaxAttempts(3), d ->
        n.incrementAndGet() % 2 == 0 ? Future.failedFuture("every other") : Future.succeededFuture()));
    for (int i = 0; i < 30; i++) {
      Await.result(client.publish("flaky", i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> subscription().getLong("delivered") == 30);
    assertThat(subscription().getString("circuit")).isEqualTo("closed");
  }
}
