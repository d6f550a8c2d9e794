package io.topicbus.inventory;

import io.topicbus.api.Failure;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.topicbus.inventory.Inventories.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fan-out/fan-in and the deadline, against a fake pool on a real event bus: each fake worker
 * consults the batch's {@link Tickets} the way the real pool does, so the tests can decide who
 * wins the race between a worker's claim and the deadline.
 */
@ExtendWith(VertxExtension.class)
class BatchTest {

  private final Tickets tickets = new Tickets();
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    ExactNumbers.install();
    this.vertx = vertx;
  }

  private Future<JsonObject> batch(JsonObject body) {
    Promise<JsonObject> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      try {
        new Batch(vertx, tickets).run(body).onComplete(result);
      } catch (Failure bad) {
        result.fail(bad);
      }
    });
    return result.future();
  }

  private static JsonObject job(String op, Object sku, Object qty) {
    return new JsonObject().put("op", op).put("sku", sku).put("qty", qty);
  }

  /** A worker that claims the job, then answers with {@code available = qty} after {@code delayMs}. */
  private void worker(String address, long delayMs) {
    vertx.eventBus().<JsonObject>consumer(address, message -> {
      if (!tickets.claimFor(message.headers()).take()) {
        message.fail(Failure.UNAVAILABLE, "timeout: refused");
        return;
      }
      JsonObject reply = new JsonObject().put("sku", message.body().getString("sku"))
          .put("available", message.body().getLong("qty", 7L));
      if (delayMs == 0) {
        message.reply(reply);
      } else {
        vertx.setTimer(delayMs, t -> message.reply(reply));
      }
    });
  }

  @Test
  void resultsComeBackInJobOrder() {
    worker("inventory.add", 0);
    worker("inventory.check", 0);
    JsonArray jobs = new JsonArray();
    for (int i = 1; i <= 300; i++) {
      jobs.add(i % 3 == 0 ? job("check", "s" + i, null) : job("add", "s" + i, i));
    }
    JsonArray results = await(batch(new JsonObject().put("jobs", jobs))).getJsonArray("results");
    assertThat(results).hasSize(300);
    for (int i = 1; i <= 300; i++) {
      JsonObject result = results.getJsonObject(i - 1);
      assertThat(result.getBoolean("ok")).isTrue();
      assertThat(result.getString("sku")).isEqualTo("s" + i);
      assertThat(result.getLong("available")).isEqualTo(i % 3 == 0 ? 7 : i);
    }
    assertThat(tickets.size()).as("tickets are forgotten when the batch ends").isZero();
  }

  @Test
  void aJobClaimedBeforeTheDeadlineReportsItsRealOutcome() {
    worker("inventory.add", 1500);
    JsonObject reply = await(batch(new JsonObject().put("jobs", new JsonArray().add(job("add", "slow", 3)))
        .put("timeoutMs", 1000)));
    assertThat(reply.getJsonArray("results").getJsonObject(0))
        .isEqualTo(new JsonObject().put("ok", true).put("sku", "slow").put("available", 3));
  }

  @Test
  void anUnclaimedJobTimesOutAndCanNeverBeClaimedAfterwards() {
    worker("inventory.add", 0);
    List<Message<JsonObject>> stuck = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer("inventory.remove", stuck::add);
    JsonArray jobs = new JsonArray().add(job("add", "a", 1)).add(job("remove", "b", 1)).add(job("add", "c", 2));
    JsonArray results = await(batch(new JsonObject().put("jobs", jobs).put("timeoutMs", 1000))).getJsonArray("results");

    assertThat(results.getJsonObject(0).getBoolean("ok")).isTrue();
    assertThat(results.getJsonObject(1)).isEqualTo(new JsonObject().put("ok", false).put("sku", "b").put("error", "timeout"));
    assertThat(results.getJsonObject(2).getBoolean("ok")).isTrue();
    assertThat(stuck).hasSize(1);
    assertThat(tickets.claimFor(stuck.get(0).headers()).take()).isFalse();
  }

  @Test
  void aLateCheckIsATimeout() {
    vertx.eventBus().consumer("inventory.check", message -> { });
    JsonArray results = await(batch(new JsonObject().put("jobs", new JsonArray().add(job("check", "x", null)))
        .put("timeoutMs", 50))).getJsonArray("results");
    assertThat(results.getJsonObject(0).getString("error")).isEqualTo("timeout");
  }

  @Test
  void badJobsFailInTheirPlaceWithoutBeingSent() {
    AtomicInteger sent = new AtomicInteger();
    vertx.eventBus().consumer("inventory.add", message -> {
      sent.incrementAndGet();
      message.reply(new JsonObject().put("sku", "ok").put("available", 1));
    });
    JsonArray jobs = new JsonArray()
        .add(job("add", "ok", 1))
        .add(job("sell", "s", 1))
        .add(job("add", "bad sku", 1))
        .add(job("add", "s", 0))
        .add(job("add", "s", 1.5))
        .add(job("add", "s", "3"))
        .add(job("remove", 42, 1))
        .add("not a job");
    JsonArray results = await(batch(new JsonObject().put("jobs", jobs))).getJsonArray("results");
    assertThat(results.stream().map(r -> ((JsonObject) r).getString("error")).toList())
        .containsExactly(null, "invalid op", "invalid sku", "invalid qty", "invalid qty", "invalid qty", "invalid sku",
            "invalid job");
    assertThat(results.getJsonObject(2).getString("sku")).isEqualTo("bad sku");
    assertThat(results.getJsonObject(6).getValue("sku")).isNull();
    assertThat(sent.get()).isEqualTo(1);
  }

  @Test
  void aMalformedBatchIsA400() {
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i <= Batch.MAX_JOBS; i++) {
      tooMany.add(job("check", "s", null));
    }
    JsonArray one = new JsonArray().add(job("check", "s", null));
    List<JsonObject> malformed = List.of(
        new JsonObject(),
        new JsonObject().put("jobs", "all of them"),
        new JsonObject().put("jobs", new JsonArray()),
        new JsonObject().put("jobs", tooMany),
        new JsonObject().put("jobs", one).put("timeoutMs", 0),
        new JsonObject().put("jobs", one).put("timeoutMs", 60_001),
        new JsonObject().put("jobs", one).put("timeoutMs", 1.5),
        new JsonObject().put("jobs", one).put("timeoutMs", "100"));
    for (JsonObject body : malformed) {
      assertThatThrownBy(() -> await(batch(body))).as(body.encode())
          .isInstanceOfSatisfying(Failure.class, f -> {
            assertThat(f.code()).isEqualTo(400);
            assertThat(f.getMessage()).matches("(jobs|timeoutMs): .*");
          });
    }
  }

  @Test
  void shortErrorsFollowThePoolsConvention() {
    assertThat(Batch.shortError(Failure.badField("qty", "out of range"))).isEqualTo("invalid qty");
    assertThat(Batch.shortError(Failure.conflict("insufficient stock: sku a has 0, 1 requested")))
        .isEqualTo("insufficient stock");
    assertThat(Batch.shortError(Failure.conflict("stock limit exceeded: ..."))).isEqualTo("stock limit exceeded");
    assertThat(Batch.shortError(Failure.unavailable("timeout: late"))).isEqualTo("timeout");
    assertThat(Batch.shortError(Failure.of(new ReplyException(io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS, "x"))))
        .isEqualTo("unavailable");
    assertThat(Batch.shortError(Failure.tooMany("queue full"))).isEqualTo("busy");
    assertThat(Batch.shortError(Failure.internal("bug"))).isEqualTo("internal error");
  }
}
