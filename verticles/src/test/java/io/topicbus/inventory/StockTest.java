package io.topicbus.inventory;

import io.topicbus.api.Failure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The exact core without an event bus: many threads, a journal that is slow, stalls or fails. */
class StockTest {

  private final RecordingJournal journal = new RecordingJournal();
  private final Stock stock = new Stock(10, journal);

  @AfterEach
  void closeJournal() {
    journal.close();
  }

  @Test
  void removeNeverOversellsUnderManyThreads() throws Exception {
    settle(stock.add("A", 1000, Claim.NONE));
    List<Future<Long>> outcomes = fromThreads(16, 625, i -> stock.remove("A", 1, Claim.NONE));

    assertThat(outcomes.stream().filter(Future::succeeded).count()).isEqualTo(1000);
    assertThat(outcomes.stream().filter(f -> f.failed() && code(f) == Failure.CONFLICT).count()).isEqualTo(9000);
    assertThat(stock.available("A")).isZero();
    List<JsonObject> events = journal.payloads("inventory.A.changed");
    assertThat(events).hasSize(1001);
    for (int i = 1; i <= 1000; i++) {
      assertThat(events.get(i).getLong("available")).isEqualTo(1000 - i);
      assertThat(events.get(i).getLong("delta")).isEqualTo(-1);
    }
  }

  @Test
  void concurrentAddsAndRemovesSumExactly() throws Exception {
    List<String> skus = List.of("a", "b", "c");
    for (String sku : skus) {
      settle(stock.add(sku, 500, Claim.NONE));
    }
    long[] deltas = new long[8000];
    List<Future<Long>> outcomes = fromThreads(8, 1000, i -> {
      long qty = 1 + (i % 7);
      deltas[i] = i % 2 == 0 ? qty : -qty;
      String sku = skus.get(i % skus.size());
      return deltas[i] > 0 ? stock.add(sku, qty, Claim.NONE) : stock.remove(sku, qty, Claim.NONE);
    });
    for (int s = 0; s < skus.size(); s++) {
      long expected = 500;
      for (int i = s; i < deltas.length; i += skus.size()) {
        if (outcomes.get(i).succeeded()) {
          expected += deltas[i];
        }
      }
      assertThat(stock.available(skus.get(s))).isEqualTo(expected);
      assertChained(journal.payloads("inventory." + skus.get(s) + ".changed"));
    }
  }

  @Test
  void changesWaitingBehindACommitGoOutTogetherInArrivalOrder() {
    journal.hold();
    Future<Long> first = stock.add("A", 100, Claim.NONE);
    List<Future<Long>> queued = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      queued.add(stock.remove("A", i, Claim.NONE));
    }
    assertThat(journal.commits()).hasSize(1);
    assertThat(first.isComplete()).isFalse();
    assertThat(stock.available("A")).as("nothing is visible before it is journaled").isZero();

    journal.resume();
    await().atMost(Duration.ofSeconds(5)).until(() -> queued.stream().allMatch(Future::isComplete));
    assertThat(journal.commits()).hasSize(2);
    assertThat(journal.commits().get(1)).extracting(m -> m.getJsonObject("payload").getLong("delta"))
        .containsExactly(-1L, -2L, -3L, -4L, -5L);
    assertThat(queued).extracting(Future::result).containsExactly(99L, 97L, 94L, 90L, 85L);
    assertThat(stock.available("A")).isEqualTo(85);
  }

  @Test
  void aFailedJournalChangesNothing() throws Exception {
    settle(stock.add("A", 10, Claim.NONE));
    journal.failNext(1);
    Future<Long> failed = stock.remove("A", 3, Claim.NONE);
    await().atMost(Duration.ofSeconds(5)).until(failed::isComplete);
    assertThat(code(failed)).isEqualTo(Failure.UNAVAILABLE);
    assertThat(stock.available("A")).isEqualTo(10);
    assertThat(settle(stock.remove("A", 4, Claim.NONE))).isEqualTo(6);
    assertThat(journal.payloads("inventory.A.changed")).extracting(p -> p.getLong("available")).containsExactly(10L, 6L);
  }

  @Test
  void decisionsOnTopOfAFailedCommitFailWithItAndRefusalsOnCommittedStockDoNot() throws Exception {
    settle(stock.add("A", 5, Claim.NONE));
    journal.hold();
    Future<Long> inFlight = stock.add("A", 1, Claim.NONE);
    Future<Long> refusedOnCommitted = stock.remove("A", 7, Claim.NONE);
    Future<Long> accepted = stock.remove("A", 3, Claim.NONE);
    Future<Long> refusedOnTop = stock.remove("A", 4, Claim.NONE);
    journal.release();
    await().atMost(Duration.ofSeconds(5)).until(() -> journal.heldCount() == 1);
    await().atMost(Duration.ofSeconds(5)).until(refusedOnCommitted::isComplete);
    assertThat(code(refusedOnCommitted)).as("6 committed, 7 asked").isEqualTo(Failure.CONFLICT);
    assertThat(accepted.isComplete()).isFalse();
    assertThat(refusedOnTop.isComplete()).isFalse();

    journal.failHeld();
    await().atMost(Duration.ofSeconds(5)).until(() -> accepted.isComplete() && refusedOnTop.isComplete());
    assertThat(inFlight.result()).isEqualTo(6);
    assertThat(code(accepted)).isEqualTo(Failure.UNAVAILABLE);
    assertThat(code(refusedOnTop)).isEqualTo(Failure.UNAVAILABLE);
    assertThat(stock.available("A")).isEqualTo(6);
  }

  @Test
  void aCommitCarriesAtMost500ChangesSoItFitsOnePublishBatch() {
    journal.hold();
    stock.add("A", 1, Claim.NONE);
    List<Future<Long>> queued = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      queued.add(stock.add("A", 1, Claim.NONE));
    }
    journal.resume();
    await().atMost(Duration.ofSeconds(5)).until(() -> queued.stream().allMatch(Future::isComplete));
    assertThat(journal.commits()).extracting(List::size).containsExactly(1, 500, 500, 200);
    assertThat(stock.available("A")).isEqualTo(1201);
  }

  @Test
  void lowFiresOncePerCrossingAndReArmsAtTheThreshold() throws Exception {
    long[] steps = {15, -6, -1, 1, 1, -1, -9, 20, -11};
    for (long step : steps) {
      settle(step > 0 ? stock.add("A", step, Claim.NONE) : stock.remove("A", -step, Claim.NONE));
    }
    // 0 ->15 ->9 (low) ->8 ->9 ->10 (re-armed) ->9 (low) ->0 ->20 ->9 (low)
    assertThat(journal.payloads("inventory.A.low")).extracting(p -> p.getLong("available")).containsExactly(9L, 9L, 9L);
    assertThat(journal.payloads("inventory.A.low").get(0).getLong("threshold")).isEqualTo(10);
  }

  @Test
  void lowComesRightAfterItsChangedEventInTheSameCommit() throws Exception {
    settle(stock.add("A", 10, Claim.NONE));
    settle(stock.remove("A", 1, Claim.NONE));
    List<JsonObject> last = journal.commits().get(1);
    assertThat(last).extracting(m -> m.getString("topic")).containsExactly("inventory.A.changed", "inventory.A.low");
    assertThat(last).extracting(m -> m.getString("key")).containsExactly("A", "A");
  }

  @Test
  void aRestoredSkuIsArmedOnlyAtOrAboveTheThreshold() throws Exception {
    stock.restore("high", 10);
    stock.restore("below", 9);
    settle(stock.remove("high", 1, Claim.NONE));
    settle(stock.remove("below", 1, Claim.NONE));
    assertThat(journal.payloads("inventory.high.low")).hasSize(1);
    assertThat(journal.payloads("inventory.below.low")).isEmpty();
  }

  @Test
  void stockNeverPassesOneTrillion() throws Exception {
    stock.restore("A", SkuState.MAX_STOCK - 5);
    Future<Long> over = stock.add("A", 6, Claim.NONE);
    await().atMost(Duration.ofSeconds(5)).until(over::isComplete);
    assertThat(code(over)).isEqualTo(Failure.CONFLICT);
    assertThat(over.cause()).hasMessageStartingWith("stock limit exceeded:");
    assertThat(settle(stock.add("A", 5, Claim.NONE))).isEqualTo(SkuState.MAX_STOCK);
  }

  @Test
  void removeOfAnUnknownSkuIsAConflictAndLeavesNoTrace() {
    Future<Long> removed = stock.remove("ghost", 1, Claim.NONE);
    assertThat(code(removed)).isEqualTo(Failure.CONFLICT);
    assertThat(removed.cause()).hasMessageStartingWith("insufficient stock:");
    assertThat(stock.available("ghost")).isZero();
    assertThat(stock.list()).isEmpty();
    assertThat(journal.commits()).isEmpty();
  }

  @Test
  void listHoldsJournaledSkusInCodePointOrder() throws Exception {
    for (String sku : List.of("b", "B", "a-1", "_", "A")) {
      settle(stock.add(sku, 2, Claim.NONE));
    }
    journal.failNext(1);
    Future<Long> never = stock.add("zz", 1, Claim.NONE);
    await().atMost(Duration.ofSeconds(5)).until(never::isComplete);
    assertThat(stock.list().keySet()).containsExactly("A", "B", "_", "a-1", "b");
  }

  @Test
  void aChangeWhoseClaimIsRefusedChangesNothing() throws Exception {
    settle(stock.add("A", 5, Claim.NONE));
    Future<Long> refused = stock.add("A", 1, () -> false);
    await().atMost(Duration.ofSeconds(5)).until(refused::isComplete);
    assertThat(code(refused)).isEqualTo(Failure.UNAVAILABLE);
    assertThat(refused.cause()).hasMessageStartingWith("timeout");
    assertThat(stock.available("A")).isEqualTo(5);
    assertThat(journal.commits()).hasSize(1);
  }

  @Test
  void everyAcceptedChangeIsAnsweredSoNothingStaysUnsettled() throws Exception {
    fromThreads(4, 200, i -> stock.add("A", 1, Claim.NONE));
    await().atMost(Duration.ofSeconds(5)).until(() -> stock.unsettled() == 0);
    assertThat(stock.available("A")).isEqualTo(800);
  }

  /** Each event's stock follows from the one before and its delta, and never goes below 0. */
  static void assertChained(List<JsonObject> events) {
    long available = 0;
    for (JsonObject event : events) {
      available += event.getLong("delta");
      assertThat(event.getLong("available")).isEqualTo(available).isNotNegative();
      assertThat(event.getString("op")).isEqualTo(event.getLong("delta") > 0 ? "add" : "remove");
    }
  }

  private static long settle(Future<Long> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static int code(Future<?> failed) {
    assertThat(failed.failed()).as("expected a failure").isTrue();
    return ((Failure) failed.cause()).code();
  }

  /** Runs {@code perThread} calls on each of {@code threads} threads at once and waits for every outcome. */
  private static List<Future<Long>> fromThreads(int threads, int perThread,
                                               java.util.function.IntFunction<Future<Long>> call) throws Exception {
    @SuppressWarnings("unchecked")
    Future<Long>[] outcomes = new Future[threads * perThread];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      pool.execute(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int k = 0; k < perThread; k++) {
          int i = thread * perThread + k;
          outcomes[i] = call.apply(i);
          if (ThreadLocalRandom.current().nextInt(50) == 0) {
            Thread.yield();
          }
        }
      });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
    List<Future<Long>> all = List.of(outcomes);
    await().atMost(Duration.ofSeconds(20)).until(() -> all.stream().allMatch(Future::isComplete));
    return all;
  }
}
