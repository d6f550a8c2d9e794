package io.topicbus.broker;

import io.topicbus.testing.Await;
import io.topicbus.client.TopicBusClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SPEC section 3: nobody listening is not a failed attempt, and a subscription nobody listens to goes away. */
@ExtendWith(VertxExtension.class)
class IdleSubscriptionTest {

  private Vertx vertx;
  private TopicBusClient client;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    Await.result(Brokers.deploy(vertx, new JsonObject().put("subscriptions.idleTimeoutMs", 1500)));
    client = TopicBusClient.create(vertx);
  }

  private int subscriptionCount() {
    return Await.result(client.subscriptions()).getJsonArray("subscriptions").size();
  }

  @Test
  void aHandlerThatAppearsLateGetsAttemptOne() {
    Await.result(vertx.eventBus().request("topicbus.subscribe",
        new JsonObject().put("pattern", "late").put("address", "topicbus.client.late").put("maxAttempts", 1)));
    Await.result(client.publish("late", "hello"));
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    // A few no-handler retries happen meanwhile; none of them may count as an attempt (maxAttempts is 1).
    await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
    vertx.eventBus().<JsonObject>consumer("topicbus.client.late", m -> {
      attempts.add(m.body().getInteger("attempt"));
      m.reply(new JsonObject());
    });
    await().atMost(Duration.ofSeconds(5)).until(() -> !attempts.isEmpty());
    assertThat(attempts).containsExactly(1);
    assertThat(Await.result(client.topics()).getJsonArray("topics")).hasSize(1); // no dead-letter topic
  }

  @Test
  void anAckedSubscriptionWithoutAHandlerIsRemovedAfterTheIdleTimeout() {
    Await.result(vertx.eventBus().request("topicbus.subscribe",
        new JsonObject().put("pattern", "gone").put("address", "topicbus.client.gone")));
    Await.result(client.publish("gone", 1));
    assertThat(subscriptionCount()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> subscriptionCount() == 0);
  }

  @Test
  void anUnackedSubscriptionWithoutAHandlerIsRemovedToo() {
    Await.result(vertx.eventBus().request("topicbus.subscribe",
        new JsonObject().put("pattern", "gone2").put("address", "topicbus.client.gone2").put("ack", "none")));
    for (int i = 0; i < 3; i++) {
      Await.result(client.publish("gone2", i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> subscriptionCount() == 0);
  }

  @Test
  void aListeningSubscriptionStays() {
    vertx.eventBus().consumer("topicbus.client.here", m -> m.reply(new JsonObject()));
    Await.result(vertx.eventBus().request("topicbus.subscribe",
        new JsonObject().put("pattern", "here").put("address", "topicbus.client.here")));
    long until = System.currentTimeMillis() + 2500;
    while (System.currentTimeMillis() < until) {
      Await.result(client.publish("here", 1));
      await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
    }
    assertThat(subscriptionCount()).isEqualTo(1);
  }
}
