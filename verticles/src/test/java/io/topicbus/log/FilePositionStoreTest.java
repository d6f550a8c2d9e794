package io.topicbus.log;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.topicbus.log.Logs.await;
import static io.topicbus.log.Logs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Group positions: never backwards, saved atomically about every second and on close, loaded on open. */
@ExtendWith(VertxExtension.class)
class FilePositionStoreTest {

  @TempDir
  Path dir;

  @Test
  void positionsNeverMoveBackwardsAndSurviveARestart(Vertx vertx) {
    FileLogStore store = new FileLogStore(vertx, config(dir));
    await(store.open());
    PositionStore positions = store.positions();
    assertThat(positions.get("billing", "orders.created")).isEqualTo(-1);
    positions.commit("billing", "orders.created", 10);
    positions.commit("billing", "orders.created", 7);
    positions.commit("billing", "Orders", 3);
    positions.commit("audit", "orders.created", 1);
    assertThat(positions.get("billing", "orders.created")).isEqualTo(10);
    await(store.close());

    FileLogStore reopened = new FileLogStore(vertx, config(dir));
    await(reopened.open());
    assertThat(reopened.positions().all("billing")).isEqualTo(Map.of("orders.created", 10L, "Orders", 3L));
    assertThat(reopened.positions().get("audit", "orders.created")).isEqualTo(1);
    reopened.positions().commit("billing", "orders.created", 4);
    assertThat(reopened.positions().get("billing", "orders.created")).isEqualTo(10);
    await(reopened.close());
  }

  @Test
  void positionsAreSavedAboutEverySecondWithoutAClose(Vertx vertx) throws IOException {
    FileLogStore store = new FileLogStore(vertx, config(dir));
    await(store.open());
    store.positions().commit("billing", "orders.created", 42);
    Path file = dir.resolve(FilePositionStore.FILE);
    await().atMost(5, TimeUnit.SECONDS).until(() -> Files.exists(file)
        && new JsonObject(Files.readString(file)).getJsonObject("groups").containsKey("billing"));
    assertThat(new JsonObject(Files.readString(file)).getJsonObject("groups").getJsonObject("billing")
        .getLong("orders.created")).isEqualTo(42);
    assertThat(dir.resolve(FilePositionStore.FILE + ".tmp")).doesNotExist();

    // A crash now (no close) restarts from what was saved.
    FilePositionStore afterCrash = new FilePositionStore(dir);
    afterCrash.load();
    assertThat(afterCrash.get("billing", "orders.created")).isEqualTo(42);
    await(store.close());
  }
}
