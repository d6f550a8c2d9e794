package io.topicbus.broker;

import io.topicbus.bench.Bench;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * SPEC section 10's batching figure: one publisher, each request awaited before the next, sending
 * 100-message {@code publishBatch} requests vs single {@code publish} requests, with {@code fsync:
 * always} (one fsync per request either way: {@code BENCH core.batch_ratio}) and with memory storage.
 */
public final class BatchBench {

  private BatchBench() {
  }

  public static void main(String[] args) throws Exception {
    ExactNumbers.install();
    Path dir = Files.createTempDirectory("topicbus-batchbench");
    try {
      double[] always = ratio(new JsonObject().put("storage.mode", "file").put("storage.dir", dir.toString())
          .put("storage.fsync", "always"), 500);
      Bench.line("core.single_always_msg_s", always[0], "msg/s");
      Bench.line("core.batch_always_msg_s", always[1], "msg/s");
      Bench.line("core.batch_ratio", always[1] / always[0], "x");
      double[] memory = ratio(new JsonObject().put("storage.mode", "memory"), 20_000);
      Bench.line("core.single_memory_msg_s", memory[0], "msg/s");
      Bench.line("core.batch_memory_msg_s", memory[1], "msg/s");
      Bench.line("core.batch_ratio_memory", memory[1] / memory[0], "x");
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** {single msg/s, batched msg/s}, medians of 5 rounds each, rounds alternating. */
  private static double[] ratio(JsonObject storage, int singles) {
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject config = TopicBusConfig.defaults().with(storage).toJson();
      Bench.await(vertx.deployVerticle(new BrokerVerticle(), new DeploymentOptions().setConfig(config)));
      EventBus bus = vertx.eventBus();
      double[] single = new double[5];
      double[] batched = new double[5];
      for (int r = -1; r < 5; r++) {
        long start = System.nanoTime();
        for (int i = 0; i < singles; i++) {
          Bench.await(bus.request("topicbus.publish", message(i)));
        }
        double singleRate = singles * 1e9 / (System.nanoTime() - start);
        int batches = Math.max(10, singles / 10);
        start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
          JsonArray messages = new JsonArray();
          for (int i = 0; i < 100; i++) {
            messages.add(message(b * 100 + i));
          }
          Bench.await(bus.request("topicbus.publishBatch", new JsonObject().put("messages", messages)));
        }
        double batchRate = batches * 100 * 1e9 / (System.nanoTime() - start);
        if (r >= 0) { // round -1 warms up
          single[r] = singleRate;
          batched[r] = batchRate;
        }
      }
      return new double[] {Bench.median(single), Bench.median(batched)};
    } finally {
      Bench.await(vertx.close());
    }
  }

  private static JsonObject message(int i) {
    return new JsonObject().put("topic", "bench.batch").put("payload",
        new JsonObject().put("n", i).put("sku", "sku-" + (i % 100)).put("total", 12.5));
  }
}
