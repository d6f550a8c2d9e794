package io.topicbus.log;

import io.topicbus.config.StorageConfig;
import io.topicbus.config.StorageConfig.Compression;
import io.topicbus.config.StorageConfig.Fsync;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The file log's benchmark: each figure is the median of a few rounds, and each ratio is taken against
 * its baseline measured in the same run. Prints {@code BENCH log.<name> <value> <unit>} lines.
 *
 * <ul>
 *   <li>raw_filechannel_mb_s: the messages' encoded bytes written one FileChannel write per message, to
 *       one file, no fsync: what the log's appends are compared with.</li>
 *   <li>append_never_mb_s / append_interval_mb_s: the same messages through {@link TopicLog#append}, one
 *       message per append, 1024 appends in flight from one event loop; MB/s of message bytes.</li>
 *   <li>always_1_publisher / always_64_publishers: {@code fsync: always}, each publisher appending its
 *       next message when the previous one completes; messages per second.</li>
 *   <li>replay_mb_s: reading the never-mode topic from its start with an empty tail cache.</li>
 * </ul>
 * Run: {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -Dmdep.includeScope=test && java -cp target/classes:target/test-classes:$(cat target/cp.txt)
 * io.topicbus.log.LogBench}
 */
public final class LogBench {

  static final int MESSAGES = 200_000;
  static final int DISTINCT = 1024;
  static final int IN_FLIGHT = 1024;
  static final long ALWAYS_RUN_MS = 1500;
  static final double MB = 1024 * 1024;

  private final Vertx vertx = Vertx.vertx();
  private final Path root;
  private final List<Draft> drafts = new ArrayList<>(DISTINCT);
  private final long bytesPerRound;

  private LogBench(Path root) {
    this.root = root;
    String text = "lorem ipsum dolor sit amet ".repeat(34);
    long bytes = 0;
    for (int i = 0; i < DISTINCT; i++) {
      JsonObject payload = new JsonObject().put("order", i).put("total", new java.math.BigDecimal("19.99")).put("note", text);
      Draft draft = MessageJson.draft(Logs.TOPIC, "customer-" + (i % 97), new JsonObject().put("type", "OrderPlaced"),
          payload, null);
      drafts.add(draft);
    }
    for (int i = 0; i < MESSAGES; i++) {
      bytes += drafts.get(i % DISTINCT).encoded().length();
    }
    this.bytesPerRound = bytes;
  }

  public static void main(String[] args) throws Exception {
    Path root = Files.createTempDirectory("topicbus-logbench");
    LogBench bench = new LogBench(root);
    try {
      bench.run();
    } finally {
      bench.vertx.close().toCompletionStage().toCompletableFuture().get();
      deleteTree(root);
    }
  }

  private void run() throws Exception {
    System.out.printf("# %d messages of ~%d bytes per round, %d cores%n", MESSAGES, bytesPerRound / MESSAGES,
        Runtime.getRuntime().availableProcessors());
    double raw = median(5, this::rawRound);
    print("raw_filechannel_mb_s", raw, "MB/s");
    double never = median(3, () -> appendRound(Fsync.NEVER, "never"));
    print("append_never_mb_s", never, "MB/s");
    double interval = median(3, () -> appendRound(Fsync.INTERVAL, "interval"));
    print("append_interval_mb_s", interval, "MB/s");
    print("ratio_vs_raw", interval / raw, "x");
    double one = median(3, () -> alwaysRound(1));
    print("always_1_publisher_msg_s", one, "msg/s");
    double many = median(3, () -> alwaysRound(64));
    print("always_64_publishers_msg_s", many, "msg/s");
    print("group_commit_ratio", many / one, "x");
    double replay = median(3, this::replayRound);
    print("replay_mb_s", replay, "MB/s");
    print("gzip_size_ratio_single", compressionRatio(1), "x");
    print("gzip_size_ratio_batch100", compressionRatio(100), "x");
  }

  /**
   * On-disk bytes without compression over bytes with {@code storage.compression: gzip}, for 20,000
   * realistic order events (varied customers, items, amounts, timestamps) appended {@code perAppend}
   * at a time: compression works per record batch, so batches (publishBatch, a busy client) gain more.
   */
  private double compressionRatio(int perAppend) throws Exception {
    java.util.Random random = new java.util.Random(42);
    List<Draft> events = new ArrayList<>();
    String[] regions = {"eu-west", "eu-central", "us-east", "us-west", "ap-south"};
    String[] products = {"BK-1024 Hardcover notebook", "PN-77 Fountain pen", "IN-3 Ink refill (blue)",
        "DS-9 Desk lamp", "CH-2 Ergonomic chair", "MT-44 Monitor arm", "KB-8 Mechanical keyboard"};
    for (int i = 0; i < 20_000; i++) {
      io.vertx.core.json.JsonArray items = new io.vertx.core.json.JsonArray();
      for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
        String product = products[random.nextInt(products.length)];
        items.add(new io.vertx.core.json.JsonObject().put("sku", product.substring(0, product.indexOf(' ')))
            .put("name", product.substring(product.indexOf(' ') + 1)).put("qty", 1 + random.nextInt(5))
            .put("price", new java.math.BigDecimal(random.nextInt(20_000)).movePointLeft(2)));
      }
      io.vertx.core.json.JsonObject order = new io.vertx.core.json.JsonObject()
          .put("orderId", "ord-2026-" + (100_000 + i))
          .put("customer", new io.vertx.core.json.JsonObject().put("id", "cust-" + random.nextInt(5000))
              .put("email", "user" + random.nextInt(5000) + "@example.com").put("tier", random.nextBoolean() ? "gold" : "standard"))
          .put("region", regions[random.nextInt(regions.length)])
          .put("items", items)
          .put("total", new java.math.BigDecimal(random.nextInt(100_000)).movePointLeft(2))
          .put("currency", "EUR")
          .put("placedAt", java.time.Instant.ofEpochSecond(1_780_000_000L + i * 7L).toString());
      events.add(MessageJson.draft("orders.eu.created", "cust-" + random.nextInt(5000),
          new io.vertx.core.json.JsonObject().put("type", "OrderPlaced").put("source", "shop-web"), order, null));
    }
    long plain = storedBytes(events, perAppend, io.topicbus.config.StorageConfig.Compression.NONE);
    long gzip = storedBytes(events, perAppend, io.topicbus.config.StorageConfig.Compression.GZIP);
    return (double) plain / gzip;
  }

  private long storedBytes(List<Draft> events, int perAppend, io.topicbus.config.StorageConfig.Compression compression)
      throws Exception {
    Path dir = root.resolve("compression-" + compression + "-" + perAppend);
    FileLogStore store = new FileLogStore(vertx, Logs.config(dir, Fsync.NEVER, compression, 64L * 1024 * 1024));
    Logs.await(store.open());
    TopicLog log = store.getOrCreate("orders.eu.created");
    List<io.vertx.core.Future<List<Record>>> appends = new ArrayList<>();
    Context context = vertx.getOrCreateContext();
    Promise<Void> queued = Promise.promise();
    context.runOnContext(v -> {
      for (int i = 0; i < events.size(); i += perAppend) {
        appends.add(log.append(events.subList(i, Math.min(events.size(), i + perAppend))));
      }
      queued.complete();
    });
    Logs.await(queued.future());
    Logs.await(io.vertx.core.Future.all(appends));
    long bytes = log.sizeBytes();
    Logs.await(store.close());
    return bytes;
  }

  private interface Round {
    double run() throws Exception;
  }

  private static double median(int rounds, Round round) throws Exception {
    double[] results = new double[rounds];
    round.run(); // warm-up
    for (int i = 0; i < rounds; i++) {
      results[i] = round.run();
    }
    Arrays.sort(results);
    return results[rounds / 2];
  }

  private static void print(String name, double value, String unit) {
    System.out.printf("BENCH log.%s %s %s%n", name, value >= 100 ? String.format("%.0f", value)
        : String.format("%.2f", value), unit);
  }

  /** The baseline: the same bytes, one write each, sequentially into one file. */
  private double rawRound() throws IOException {
    Path file = root.resolve("raw.bin");
    long started = System.nanoTime();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int i = 0; i < MESSAGES; i++) {
        ByteBuffer bytes = ByteBuffer.wrap(drafts.get(i % DISTINCT).encoded().getBytes());
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Files.delete(file);
    return bytesPerRound / MB / seconds;
  }

  private StorageConfig config(String name, Fsync fsync) {
    return new StorageConfig(StorageConfig.Mode.FILE, root.resolve(name).toString(), 64L * 1024 * 1024, -1, -1, fsync,
        1000, 120_000, Compression.NONE);
  }

  /** One message per append, {@link #IN_FLIGHT} appends outstanding, all from one event loop. */
  private double appendRound(Fsync fsync, String name) throws Exception {
    deleteTree(root.resolve(name));
    FileLogStore store = new FileLogStore(vertx, config(name, fsync));
    Logs.await(store.open());
    TopicLog log = store.getOrCreate(Logs.TOPIC);
    Context context = vertx.getOrCreateContext();
    Promise<Void> done = Promise.promise();
    long started = System.nanoTime();
    context.runOnContext(v -> new Object() {
      int issued;
      int completed;

      void issue() {
        if (issued == MESSAGES) {
          return;
        }
        log.append(List.of(drafts.get(issued++ % DISTINCT))).onComplete(ar -> {
          if (ar.failed()) {
            done.tryFail(ar.cause());
            return;
          }
          if (++completed == MESSAGES) {
            done.complete();
          } else {
            issue();
          }
        });
      }

      void start() {
        for (int i = 0; i < IN_FLIGHT; i++) {
          issue();
        }
      }
    }.start());
    Logs.await(done.future());
    double seconds = (System.nanoTime() - started) / 1e9;
    Logs.await(store.close());
    return bytesPerRound / MB / seconds;
  }

  /** {@code publishers} each append their next message when the last one completed, for a fixed time. */
  private double alwaysRound(int publishers) throws Exception {
    deleteTree(root.resolve("always"));
    FileLogStore store = new FileLogStore(vertx, config("always", Fsync.ALWAYS));
    Logs.await(store.open());
    TopicLog log = store.getOrCreate(Logs.TOPIC);
    Context context = vertx.getOrCreateContext();
    AtomicLong completed = new AtomicLong();
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + ALWAYS_RUN_MS * 1_000_000;
    long started = System.nanoTime();
    context.runOnContext(v -> {
      int[] running = {publishers};
      for (int p = 0; p < publishers; p++) {
        new Object() {
          void next() {
            log.append(List.of(drafts.get((int) (completed.get() % DISTINCT)))).onComplete(ar -> {
              completed.incrementAndGet();
              if (System.nanoTime() < deadline && ar.succeeded()) {
                next();
              } else if (--running[0] == 0) {
                done.complete();
              }
            });
          }
        }.next();
      }
    });
    Logs.await(done.future());
    double seconds = (System.nanoTime() - started) / 1e9;
    Logs.await(store.close());
    return completed.get() / seconds;
  }

  /** Reads the never-mode topic from offset 0 with no tail cache: segment files and JSON decoding. */
  private double replayRound() {
    FileLogStore store = new FileLogStore(vertx, config("never", Fsync.NEVER), 0, ChannelOpener.DEFAULT);
    Logs.await(store.open());
    TopicLog log = store.get(Logs.TOPIC);
    long started = System.nanoTime();
    long bytes = 0;
    long next = 0;
    while (next < log.nextOffset()) {
      List<Record> page = log.read(next, 1000, 4 << 20);
      for (Record record : page) {
        bytes += record.size();
      }
      next = page.get(page.size() - 1).offset() + 1;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Logs.await(store.close());
    return bytes / MB / seconds;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
