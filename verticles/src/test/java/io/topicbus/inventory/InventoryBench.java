package io.topicbus.inventory;

import io.topicbus.broker.BrokerVerticle;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Inventory jobs per second with 1, 2, 4 and 8 pool instances, beside raw event bus request/reply
 * to a no-op consumer in the same run, at the same concurrency (SPEC section 8). Each figure is the
 * median of several timed rounds after a warm-up round, on memory storage; every job is a real
 * {@code inventory.add} or {@code .remove} that journals its event through the broker.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:<test classpath> io.topicbus.inventory.InventoryBench}
 */
public final class InventoryBench {

  private static final int OUTSTANDING = 256;
  private static final int SKUS = 16;
  private static final long ROUND_MS = 2_000;
  private static final int ROUNDS = 5;
  private static final int[] INSTANCES = {1, 2, 4, 8};

  private InventoryBench() {
  }

  public static void main(String[] args) throws Exception {
    ExactNumbers.install();
    double raw = measure(InventoryBench::rawSetup, "bench.noop", false);
    double best = 0;
    List<String> lines = new ArrayList<>();
    for (int instances : INSTANCES) {
      double jobs = measure(vertx -> inventorySetup(vertx, instances), null, true);
      best = Math.max(best, jobs);
      lines.add(String.format(Locale.ROOT, "BENCH inventory.jobs_per_s_%d %.0f jobs/s", instances, jobs));
    }
    // Not a baseline of the ratio: what the worker hop alone costs, to explain how the pool scales.
    for (int instances : new int[] {1, 8}) {
      double hop = measure(vertx -> rawWorkerSetup(vertx, instances), "bench.noop", false);
      lines.add(String.format(Locale.ROOT, "BENCH inventory.raw_worker_request_reply_per_s_%d %.0f msg/s", instances, hop));
    }
    lines.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "BENCH inventory.raw_request_reply_per_s %.0f msg/s%n", raw);
    System.out.printf(Locale.ROOT, "BENCH inventory.ratio_vs_raw %.2f x%n", best / raw);
  }

  private interface Setup {
    Future<?> deploy(Vertx vertx);
  }

  private static Future<?> rawSetup(Vertx vertx) {
    return vertx.eventBus().<JsonObject>consumer("bench.noop",
        message -> message.reply(new JsonObject().put("sku", "s").put("available", 1))).completion();
  }

  /** The same no-op consumer, as a worker verticle with {@code instances} instances: the pool's threading without its work. */
  private static Future<?> rawWorkerSetup(Vertx vertx, int instances) {
    return vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return rawSetup(vertx);
      }
    }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER).setInstances(instances));
  }

  private static Future<?> inventorySetup(Vertx vertx, int instances) {
    // Retention keeps the memory log small over the run; the stock never runs out, so every job changes it.
    JsonObject overrides = new JsonObject().put("storage.retentionBytes", 1 << 20);
    JsonObject config = Inventories.config(instances, overrides);
    return vertx.deployVerticle(new BrokerVerticle(), new DeploymentOptions().setConfig(config))
        .compose(broker -> Inventories.deployInventory(vertx, instances, overrides))
        .compose(inventory -> {
          List<Future<?>> stocked = new ArrayList<>();
          for (int s = 0; s < SKUS; s++) {
            stocked.add(Inventories.add(vertx, "sku" + s, Job.MAX_QTY));
          }
          return Future.all(stocked);
        });
  }

  /** Median requests per second over the rounds, in a fresh Vert.x; jobs alternate add and remove. */
  private static double measure(Setup setup, String rawAddress, boolean jobs) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      get(setup.deploy(vertx));
      List<Double> rates = new ArrayList<>();
      for (int round = 0; round <= ROUNDS; round++) {
        double rate = get(closedLoop(vertx, rawAddress, jobs));
        if (round > 0) {
          rates.add(rate);
        }
      }
      Collections.sort(rates);
      return rates.get(rates.size() / 2);
    } finally {
      get(vertx.close());
    }
  }

  /** Keeps {@link #OUTSTANDING} requests in flight for {@link #ROUND_MS}; answers per second. */
  private static Future<Double> closedLoop(Vertx vertx, String rawAddress, boolean jobs) {
    Promise<Double> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> new Object() {
      final long start = System.nanoTime();
      final long end = start + TimeUnit.MILLISECONDS.toNanos(ROUND_MS);
      final DeliveryOptions options = new DeliveryOptions().setSendTimeout(30_000);
      long answered;
      long failed;
      int inFlight;
      long next;

      void run() {
        for (int i = 0; i < OUTSTANDING; i++) {
          send();
        }
      }

      void send() {
        long n = next++;
        String sku = "sku" + (n % SKUS);
        JsonObject body = new JsonObject().put("sku", sku).put("qty", 1);
        String address = !jobs ? rawAddress : (n / SKUS) % 2 == 0 ? "inventory.add" : "inventory.remove";
        inFlight++;
        vertx.eventBus().request(address, body, options).onComplete(ar -> {
          inFlight--;
          if (ar.succeeded()) {
            answered++;
          } else {
            failed++;
          }
          if (System.nanoTime() < end) {
            send();
          } else if (inFlight == 0) {
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failed > 0) {
              System.err.println("bench: " + failed + " requests failed");
            }
            result.complete(answered / seconds);
          }
        });
      }
    }.run());
    return result.future();
  }

  private static <T> T get(Future<T> future) throws InterruptedException, ExecutionException, TimeoutException {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
