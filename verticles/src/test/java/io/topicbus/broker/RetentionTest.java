package io.topicbus.broker;

import io.topicbus.testing.Await;
import io.topicbus.client.Delivery;
import io.topicbus.client.SubscribeOptions;
import io.topicbus.client.TopicBusClient;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A subscriber behind the retention point continues from the new first offset, and the skip is counted. */
@ExtendWith(VertxExtension.class)
class RetentionTest {

  @TempDir
  Path dir;

  @Test
  void aSubscriberBehindRetentionContinuesFromTheNewFirstOffset(Vertx vertx) {
    ExactNumbers.install();
    JsonObject config = TopicBusConfig.defaults().with(Brokers.fastConfig()).with(new JsonObject()
        .put("storage.mode", "file").put("storage.dir", dir.toString()).put("storage.fsync", "never")
        .put("storage.segmentBytes", 4096).put("storage.retentionBytes", 8192)
        .put("limits.subscriberQueue", 1)).toJson();
    Await.result(vertx.deployVerticle(new BrokerVerticle(), new DeploymentOptions().setConfig(config)));
    TopicBusClient client = TopicBusClient.create(vertx);

    AtomicReference<Promise<Object>> held = new AtomicReference<>();
    List<Long> offsets = new CopyOnWriteArrayList<>();
    Await.result(client.subscribe("ret", new SubscribeOptions().fromEarliest().setAckTimeoutMs(300_000), (Delivery d) -> {
      offsets.add(d.offset());
      if (d.offset() == 0) {
        Promise<Object> blocked = Promise.promise();
        held.set(blocked);
        return blocked.future(); // the subscriber is stuck on its first message
      }
      return Future.succeededFuture();
    }));
    String padding = "x".repeat(200);
    for (int i = 0; i < 200; i++) {
      Await.result(client.publish("ret", new JsonObject().put("n", i).put("pad", padding)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> firstOffset(client) > 20);
    long first = firstOffset(client);

    held.get().complete();
    await().atMost(Duration.ofSeconds(10)).until(() -> offsets.contains(199L));
    // Offset 1 was already read ahead (limits.subscriberQueue is 1) before retention removed it.
    assertThat(offsets.subList(0, 2)).containsExactly(0L, 1L);
    long resumed = offsets.get(2);
    assertThat(resumed).as("continues at the first retained offset").isGreaterThanOrEqualTo(first);
    assertThat(offsets.subList(2, offsets.size())).isSorted().doesNotHaveDuplicates().hasSize((int) (200 - resumed));
    JsonObject subscription = Await.result(client.subscriptions()).getJsonArray("subscriptions").getJsonObject(0);
    assertThat(subscription.getLong("skipped")).isEqualTo(resumed - 2);
  }

  private static long firstOffset(TopicBusClient client) {
    return Await.result(client.topics()).getJsonArray("topics").getJsonObject(0).getLong("firstOffset");
  }
}
