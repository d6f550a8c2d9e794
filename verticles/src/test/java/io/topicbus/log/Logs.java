package io.topicbus.log;

import io.topicbus.config.StorageConfig;
import io.topicbus.config.StorageConfig.Compression;
import io.topicbus.config.StorageConfig.Fsync;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the file log tests share: configs, messages worth round-tripping, and a bounded wait. */
final class Logs {

  static final String TOPIC = "orders.eu.created";

  private Logs() {
  }

  static StorageConfig config(Path dir, Fsync fsync, Compression compression, long segmentBytes) {
    return new StorageConfig(StorageConfig.Mode.FILE, dir.toString(), segmentBytes, -1, -1, fsync, 50, 120_000,
        compression);
  }

  static StorageConfig config(Path dir) {
    return config(dir, Fsync.ALWAYS, Compression.NONE, 64L * 1024 * 1024);
  }

  static StorageConfig withRetention(StorageConfig c, long retentionMs, long retentionBytes) {
    return new StorageConfig(c.mode(), c.dir(), c.segmentBytes(), retentionMs, retentionBytes, c.fsync(),
        c.fsyncIntervalMs(), c.dedupWindowMs(), c.compression());
  }

  /** Waits (bounded) for a future, rethrowing its failure. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Message {@code n}: key, headers, an exact decimal, a big integer and text that needs escaping. */
  static Draft message(String topic, long n) {
    JsonObject payload = new JsonObject()
        .put("n", n)
        .put("price", new BigDecimal("19.99"))
        .put("tiny", new BigDecimal("0.1000000000000000055511151231257827"))
        .put("big", new BigInteger("123456789012345678901234567890"))
        .put("text", "line\n\"quoted\" ünïcødé " + n)
        .put("items", new JsonArray().add(1).add(new BigDecimal("2.50")).add(new JsonObject().put("sku", "a-" + n)));
    JsonObject headers = new JsonObject().put("type", "OrderPlaced").put("attempt", n % 3).put("urgent", n % 2 == 0);
    return MessageJson.draft(topic, "key-" + (n % 7), headers, payload, "id-" + n);
  }

  static List<Draft> messages(String topic, long from, int count) {
    List<Draft> drafts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      drafts.add(message(topic, from + i));
    }
    return drafts;
  }

  /** Every readable record of {@code log}, read in pages the way a subscriber would. */
  static List<Record> readAll(TopicLog log) {
    List<Record> all = new ArrayList<>();
    long next = log.firstOffset();
    while (next < log.nextOffset()) {
      List<Record> page = log.read(next, 500, 1 << 20);
      if (page.isEmpty()) {
        break;
      }
      all.addAll(page);
      next = page.get(page.size() - 1).offset() + 1;
    }
    return all;
  }
}
