package io.topicbus.inventory;

import io.topicbus.TopicBusVerticle;
import io.topicbus.log.MemoryLogStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.topicbus.inventory.Inventories.add;
import static io.topicbus.inventory.Inventories.available;
import static io.topicbus.inventory.Inventories.await;
import static io.topicbus.inventory.Inventories.failure;
import static io.topicbus.inventory.Inventories.payloads;
import static io.topicbus.inventory.Inventories.remove;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stock survives a restart: it is rebuilt from the last {@code changed} record of each sku. Each
 * test runs its own Vert.x instances, so a restart can be a whole new process's worth of state.
 */
class InventoryRestartTest {

  private final List<Vertx> started = new ArrayList<>();

  private Vertx newVertx() {
    Vertx vertx = Vertx.vertx();
    started.add(vertx);
    return vertx;
  }

  @AfterEach
  void closeAll() {
    started.forEach(v -> await(v.close()));
  }

  /** A history with a sku emptied, one changed many times, one above and one below the threshold. */
  private static void makeHistory(Vertx vertx) {
    await(add(vertx, "emptied", 50));
    await(remove(vertx, "emptied", 50));
    List<Future<JsonObject>> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add(add(vertx, "busy", 1));
    }
    await(Future.all(many));
    await(add(vertx, "high", 12));
    await(add(vertx, "below", 5));
  }

  private static final JsonArray HISTORY = new JsonArray()
      .add(new JsonObject().put("sku", "below").put("available", 5))
      .add(new JsonObject().put("sku", "busy").put("available", 300))
      .add(new JsonObject().put("sku", "emptied").put("available", 0))
      .add(new JsonObject().put("sku", "high").put("available", 12));

  /** After a restart the low alarm is armed exactly where stock is at or above the threshold. */
  private static void assertLowAlarmsAsBeforeRestart(Vertx vertx) {
    await(remove(vertx, "high", 3));
    await(remove(vertx, "below", 1));
    assertThat(payloads(vertx, "inventory.high.low")).extracting(p -> p.getLong("available")).containsExactly(9L);
    assertThat(payloads(vertx, "inventory.below.low")).isEmpty();
  }

  @Test
  void redeployingTheInventoryOverTheRunningBrokerRebuildsTheStock() {
    Vertx vertx = newVertx();
    String inventory = await(Inventories.deploy(vertx, 4));
    makeHistory(vertx);
    await(vertx.undeploy(inventory));
    assertThat(failure(add(vertx, "busy", 1)).failureType()).as("nobody serves inventory.* meanwhile")
        .isEqualTo(ReplyFailure.NO_HANDLERS);

    await(Inventories.deployInventory(vertx, 4, new JsonObject()));
    assertThat(Inventories.list(vertx)).isEqualTo(HISTORY);
    assertThat(await(add(vertx, "busy", 1)).getLong("available")).isEqualTo(301);
    assertThat(payloads(vertx, "inventory.busy.changed")).hasSize(301);
    assertLowAlarmsAsBeforeRestart(vertx);
  }

  @Test
  void restartingBrokerAndInventoryOverTheSameLogRebuildsTheStock() {
    MemoryLogStore log = new MemoryLogStore(-1, -1);
    Vertx first = newVertx();
    await(Inventories.deploy(first, 4, new JsonObject(), log));
    makeHistory(first);
    await(first.close());

    Vertx second = newVertx();
    await(Inventories.deploy(second, 2, new JsonObject(), log));
    assertThat(Inventories.list(second)).isEqualTo(HISTORY);
    assertThat(available(second, "busy")).isEqualTo(300);
    assertLowAlarmsAsBeforeRestart(second);
  }

  @Test
  void restartingWithFileStorageRebuildsTheStock(@TempDir Path dir) {
    JsonObject fileStorage = new JsonObject().put("storage.mode", "file").put("storage.dir", dir.toString())
        .put("storage.fsync", "always");
    Vertx first = newVertx();
    Throwable error = Inventories.cause(Inventories.deploy(first, 4, fileStorage, null));
    Assumptions.assumeFalse(error != null && String.valueOf(error.getMessage()).contains("file storage lands"),
        "file storage is not built yet on this branch");
    assertThat(error).isNull();
    makeHistory(first);
    await(first.close());

    Vertx second = newVertx();
    await(Inventories.deploy(second, 4, fileStorage, null));
    assertThat(Inventories.list(second)).isEqualTo(HISTORY);
    assertLowAlarmsAsBeforeRestart(second);
  }

  @Test
  void aJournalRecordThatHoldsNoValidStockStopsStartUp() {
    Vertx vertx = newVertx();
    String inventory = await(Inventories.deploy(vertx, 1));
    await(add(vertx, "fine", 3));
    await(vertx.undeploy(inventory));
    await(Inventories.request(vertx, "topicbus.publish", new JsonObject().put("topic", "inventory.bad.changed")
        .put("payload", new JsonObject().put("sku", "bad").put("available", -5))));

    Throwable refused = Inventories.cause(Inventories.deployInventory(vertx, 1, new JsonObject()));
    assertThat(refused).hasMessageContaining("inventory.bad.changed@0");
  }

  @Test
  void theMainVerticleDeploysTheInventoryAfterTheBroker() {
    Vertx vertx = newVertx();
    JsonObject config = new JsonObject().put("storage.mode", "memory").put("inventory.instances", 3)
        .put("http.port", 0);
    await(vertx.deployVerticle(new TopicBusVerticle(), new DeploymentOptions().setConfig(config)));
    assertThat(await(add(vertx, "main", 2)).getLong("available")).isEqualTo(2);
    assertThat(payloads(vertx, "inventory.main.changed")).hasSize(1);
  }
}
