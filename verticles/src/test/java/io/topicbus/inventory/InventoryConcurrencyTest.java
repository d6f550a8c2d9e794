package io.topicbus.inventory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.topicbus.inventory.Inventories.add;
import static io.topicbus.inventory.Inventories.available;
import static io.topicbus.inventory.Inventories.await;
import static io.topicbus.inventory.Inventories.payloads;
import static io.topicbus.inventory.Inventories.remove;
import static org.assertj.core.api.Assertions.assertThat;

/** The pool of 8 workers under many concurrent callers: exact, never negative, nothing lost. */
@ExtendWith(VertxExtension.class)
class InventoryConcurrencyTest {

  private Vertx vertx;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    await(Inventories.deploy(vertx, 8));
  }

  @Test
  void tenThousandConcurrentRemovesOfAThousandInStockSellExactlyAThousand() {
    await(add(vertx, "widget", 1000));
    List<Future<JsonObject>> removes = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      removes.add(remove(vertx, "widget", 1));
    }
    await(Future.join(removes).otherwiseEmpty());

    assertThat(removes.stream().filter(Future::succeeded).count()).isEqualTo(1000);
    assertThat(removes.stream().filter(f -> f.failed() && ((ReplyException) f.cause()).failureCode() == 409).count())
        .isEqualTo(9000);
    assertThat(available(vertx, "widget")).isZero();
    List<JsonObject> events = payloads(vertx, "inventory.widget.changed");
    List<JsonObject> removed = events.stream().filter(e -> e.getString("op").equals("remove")).toList();
    assertThat(removed).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(removed.get(i)).isEqualTo(new JsonObject().put("sku", "widget").put("available", 999 - i)
          .put("delta", -1).put("op", "remove"));
    }
    assertThat(removes.stream().filter(Future::succeeded).map(f -> f.result().getLong("available")).sorted().toList())
        .as("each success saw its own stock")
        .isEqualTo(java.util.stream.LongStream.range(0, 1000).boxed().toList());
  }

  @Test
  void concurrentAddsAndRemovesOnTheSameSkusSumExactly() {
    List<String> skus = List.of("s0", "s1", "s2", "s3");
    for (String sku : skus) {
      await(add(vertx, sku, 100));
    }
    Random random = new Random(42);
    int n = 6000;
    String[] skuOf = new String[n];
    long[] deltaOf = new long[n];
    List<Future<JsonObject>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      skuOf[i] = skus.get(random.nextInt(skus.size()));
      long qty = 1 + random.nextInt(20);
      deltaOf[i] = random.nextBoolean() ? qty : -qty;
      calls.add(deltaOf[i] > 0 ? add(vertx, skuOf[i], qty) : remove(vertx, skuOf[i], qty));
    }
    await(Future.join(calls).otherwiseEmpty());

    assertThat(calls).allMatch(f -> f.succeeded() || ((ReplyException) f.cause()).failureCode() == 409);
    for (String sku : skus) {
      long expected = 100;
      for (int i = 0; i < n; i++) {
        if (skuOf[i].equals(sku) && calls.get(i).succeeded()) {
          expected += deltaOf[i];
        }
      }
      assertThat(available(vertx, sku)).as(sku).isEqualTo(expected);
      List<JsonObject> events = payloads(vertx, "inventory." + sku + ".changed");
      StockTest.assertChained(events);
      assertThat(events.get(events.size() - 1).getLong("available")).isEqualTo(expected);
    }
  }
}
