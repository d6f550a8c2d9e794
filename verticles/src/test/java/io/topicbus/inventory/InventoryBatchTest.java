package io.topicbus.inventory;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.topicbus.inventory.Inventories.add;
import static io.topicbus.inventory.Inventories.available;
import static io.topicbus.inventory.Inventories.await;
import static io.topicbus.inventory.Inventories.failure;
import static io.topicbus.inventory.Inventories.request;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code inventory.batch} against the real pool of 8 workers and a real broker. */
@ExtendWith(VertxExtension.class)
class InventoryBatchTest {

  private Vertx vertx;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    await(Inventories.deploy(vertx, 8));
  }

  private static JsonObject job(String op, String sku, long qty) {
    return new JsonObject().put("op", op).put("sku", sku).put("qty", qty);
  }

  private JsonArray batch(JsonArray jobs, long timeoutMs) {
    return await(request(vertx, "inventory.batch", new JsonObject().put("jobs", jobs).put("timeoutMs", timeoutMs)))
        .getJsonArray("results");
  }

  @Test
  void aBatchOfAThousandMixedJobsAnswersAThousandResultsInJobOrder() {
    for (int s = 0; s < 10; s++) {
      await(add(vertx, "m" + s, 100));
    }
    JsonArray jobs = new JsonArray();
    for (int i = 0; i < 1000; i++) {
      String sku = "m" + (i % 10);
      jobs.add(switch (i % 4) {
        case 0 -> job("add", sku, 3);
        case 1 -> job("remove", sku, 2);
        case 2 -> new JsonObject().put("op", "check").put("sku", sku);
        default -> i % 100 == 3 ? job("add", sku, 0) : job("remove", sku, 1_000);
      });
    }
    JsonArray results = batch(jobs, 20_000);

    assertThat(results).hasSize(1000);
    long[] expected = new long[10];
    java.util.Arrays.fill(expected, 100);
    for (int i = 0; i < 1000; i++) {
      JsonObject result = results.getJsonObject(i);
      assertThat(result.getString("sku")).isEqualTo("m" + (i % 10));
      switch (i % 4) {
        case 0 -> {
          assertThat(result.getBoolean("ok")).isTrue();
          expected[i % 10] += 3;
        }
        case 1 -> {
          assertThat(result.getBoolean("ok")).isTrue();
          expected[i % 10] -= 2;
        }
        case 2 -> assertThat(result.getBoolean("ok")).isTrue();
        default -> assertThat(result.getString("error")).isEqualTo(i % 100 == 3 ? "invalid qty" : "insufficient stock");
      }
    }
    for (int s = 0; s < 10; s++) {
      assertThat(available(vertx, "m" + s)).isEqualTo(expected[s]);
    }
  }

  @Test
  void aJobStuckPastTheDeadlineTimesOutIsNeverAppliedAndTheRestSucceed() {
    List<Message<JsonObject>> stuck = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> stuckWorker = vertx.eventBus().consumer("inventory.add", stuck::add);
    await(stuckWorker.completion());
    JsonArray jobs = new JsonArray();
    for (int i = 0; i < 90; i++) {
      jobs.add(job("add", "j" + i, 1));
    }
    JsonArray results = batch(jobs, 1000);

    List<String> timedOut = new ArrayList<>();
    List<String> applied = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      JsonObject result = results.getJsonObject(i);
      assertThat(result.getString("sku")).isEqualTo("j" + i);
      if (result.getBoolean("ok")) {
        assertThat(result.getLong("available")).isEqualTo(1);
        applied.add(result.getString("sku"));
      } else {
        assertThat(result.getString("error")).isEqualTo("timeout");
        timedOut.add(result.getString("sku"));
      }
    }
    assertThat(stuck).isNotEmpty();
    assertThat(timedOut).as("exactly the stuck jobs time out; the real workers answer within the second")
        .containsExactlyInAnyOrderElementsOf(stuck.stream().map(m -> m.body().getString("sku")).toList());

    // Long past the deadline, the stuck jobs reach real workers after all: every one is refused.
    await(stuckWorker.unregister());
    for (Message<JsonObject> late : stuck) {
      ReplyException refused = failure(vertx.eventBus().request("inventory.add", late.body(),
          new DeliveryOptions().setHeaders(late.headers())));
      assertThat(refused.failureCode()).isEqualTo(503);
      assertThat(refused.getMessage()).startsWith("timeout");
    }
    for (String sku : timedOut) {
      assertThat(available(vertx, sku)).isZero();
    }
    assertThat(Inventories.topicNames(vertx)).noneMatch(t -> timedOut.stream().anyMatch(s -> t.equals("inventory." + s + ".changed")));
    assertThat(Inventories.list(vertx)).hasSize(applied.size());
  }

  @Test
  void aBatchCanFillASkuToTheStockLimitAndNoFurther() {
    JsonArray jobs = new JsonArray();
    for (int i = 0; i < 1000; i++) {
      jobs.add(job("add", "big", Job.MAX_QTY));
    }
    JsonArray results = batch(jobs, 20_000);
    assertThat(results.stream().allMatch(r -> ((JsonObject) r).getBoolean("ok"))).isTrue();
    assertThat(available(vertx, "big")).isEqualTo(SkuState.MAX_STOCK);

    ReplyException over = failure(add(vertx, "big", 1));
    assertThat(over.failureCode()).isEqualTo(409);
    assertThat(batch(new JsonArray().add(job("add", "big", 1)), 1000).getJsonObject(0).getString("error"))
        .isEqualTo("stock limit exceeded");
    assertThat(available(vertx, "big")).isEqualTo(SkuState.MAX_STOCK);
  }

  @Test
  void aMalformedBatchIsA400AndRunsNothing() {
    ReplyException empty = failure(request(vertx, "inventory.batch", new JsonObject().put("jobs", new JsonArray())));
    assertThat(empty.failureCode()).isEqualTo(400);
    ReplyException badTimeout = failure(request(vertx, "inventory.batch", new JsonObject()
        .put("jobs", new JsonArray().add(job("add", "x", 1))).put("timeoutMs", 0)));
    assertThat(badTimeout.failureCode()).isEqualTo(400);
    assertThat(badTimeout.getMessage()).startsWith("timeoutMs:");
    assertThat(available(vertx, "x")).isZero();
    assertThat(Inventories.list(vertx)).isEmpty();
  }
}
