package io.topicbus.inventory;

import io.topicbus.client.Delivery;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import static io.topicbus.inventory.Inventories.add;
import static io.topicbus.inventory.Inventories.await;
import static io.topicbus.inventory.Inventories.payloads;
import static io.topicbus.inventory.Inventories.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stock events as a watcher sees them: an {@code inventory.#} subscription through TopicBusClient. */
@ExtendWith(VertxExtension.class)
class InventoryEventsTest {

  private Vertx vertx;
  private final Map<String, List<Delivery>> byTopic = new ConcurrentHashMap<>();

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    await(Inventories.deploy(vertx, 8));
    await(TopicBusClient.create(vertx).subscribe("inventory.#", new SubscribeOptions(),
        (Delivery d) -> byTopic.computeIfAbsent(d.topic(), t -> Collections.synchronizedList(new ArrayList<>())).add(d)));
  }

  private int delivered(String topic) {
    return byTopic.getOrDefault(topic, List.of()).size();
  }

  @Test
  void changedEventsArriveInOrderPerSku() {
    List<String> skus = List.of("e0", "e1", "e2", "e3");
    Random random = new Random(7);
    List<Future<JsonObject>> calls = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      String sku = skus.get(random.nextInt(skus.size()));
      calls.add(random.nextInt(3) == 0 ? remove(vertx, sku, 1 + random.nextInt(3)) : add(vertx, sku, 1 + random.nextInt(3)));
    }
    await(Future.join(calls).otherwiseEmpty());

    for (String sku : skus) {
      String topic = "inventory." + sku + ".changed";
      List<JsonObject> stored = payloads(vertx, topic);
      await().atMost(Duration.ofSeconds(20)).until(() -> delivered(topic) == stored.size());
      List<Delivery> deliveries = byTopic.get(topic);
      for (int i = 0; i < deliveries.size(); i++) {
        assertThat(deliveries.get(i).offset()).isEqualTo(i);
        assertThat(deliveries.get(i).key()).isEqualTo(sku);
      }
      List<JsonObject> seen = deliveries.stream().map(Delivery::payloadObject).toList();
      assertThat(seen).isEqualTo(stored);
      StockTest.assertChained(seen);
    }
    long changes = calls.stream().filter(Future::succeeded).count();
    assertThat(skus.stream().mapToInt(s -> delivered("inventory." + s + ".changed")).sum()).isEqualTo(changes);
  }

  @Test
  void lowFiresOncePerCrossingBelowTheThreshold() {
    // 0 ->15 ->9 (low) ->8 ->9 ->10 (re-armed) ->9 (low) ->0
    long[] steps = {15, -6, -1, 1, 1, -1, -9};
    for (long step : steps) {
      await(step > 0 ? add(vertx, "lamp", step) : remove(vertx, "lamp", -step));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> delivered("inventory.lamp.changed") == steps.length);
    assertThat(byTopic.get("inventory.lamp.low")).extracting(Delivery::payloadObject).containsExactly(
        new JsonObject().put("sku", "lamp").put("available", 9).put("threshold", 10),
        new JsonObject().put("sku", "lamp").put("available", 9).put("threshold", 10));
  }
}
