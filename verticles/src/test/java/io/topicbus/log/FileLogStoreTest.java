package io.topicbus.log;

import io.topicbus.config.StorageConfig;
import io.topicbus.config.StorageConfig.Compression;
import io.topicbus.config.StorageConfig.Fsync;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.topicbus.log.Logs.TOPIC;
import static io.topicbus.log.Logs.await;
import static io.topicbus.log.Logs.config;
import static io.topicbus.log.Logs.message;
import static io.topicbus.log.Logs.messages;
import static io.topicbus.log.Logs.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The file log as a {@link TopicLog}: what an append stores, what a read returns, how segments roll. */
@ExtendWith(VertxExtension.class)
class FileLogStoreTest {

  @TempDir
  Path dir;

  static FileLogStore open(Vertx vertx, StorageConfig config) {
    return open(vertx, config, TailCache.DEFAULT_MAX_BYTES);
  }

  static FileLogStore open(Vertx vertx, StorageConfig config, long tailCacheBytes) {
    FileLogStore store = new FileLogStore(vertx, config, tailCacheBytes, ChannelOpener.DEFAULT);
    await(store.open());
    return store;
  }

  /** Same offset, time, key, id and size, and the very same JSON text (so 19.99 is still 19.99). */
  static void assertSameRecord(Record actual, Record expected) {
    assertThat(actual.topic()).isEqualTo(expected.topic());
    assertThat(actual.offset()).isEqualTo(expected.offset());
    assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
    assertThat(actual.key()).isEqualTo(expected.key());
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.size()).isEqualTo(expected.size());
    assertThat(json(actual)).isEqualTo(json(expected));
  }

  static String json(Record r) {
    return MessageJson.encode(r.key(), r.headers(), r.payload(), r.id()).toString();
  }

  @Test
  void restartKeepsEveryRecordAndGroupPosition(Vertx vertx) {
    FileLogStore store = open(vertx, config(dir));
    TopicLog log = store.getOrCreate(TOPIC);
    List<Record> appended = new ArrayList<>();
    appended.addAll(await(log.append(messages(TOPIC, 0, 1))));
    appended.addAll(await(log.append(messages(TOPIC, 1, 5))));
    appended.addAll(await(log.append(List.of(
        MessageJson.draft(TOPIC, null, null, null, null),
        MessageJson.draft(TOPIC, null, null, "just text", null),
        MessageJson.draft(TOPIC, "k", null, new JsonArray().add(new BigDecimal("1.10")).add(true), "x")))));
    await(store.getOrCreate("Orders").append(messages("Orders", 0, 2)));
    store.positions().commit("billing", TOPIC, 4);
    store.positions().commit("billing", TOPIC, 2);
    assertThat(readAll(log)).hasSize(9);
    await(store.close());

    FileLogStore reopened = open(vertx, config(dir));
    TopicLog again = reopened.get(TOPIC);
    assertThat(again.firstOffset()).isZero();
    assertThat(again.nextOffset()).isEqualTo(9);
    List<Record> read = readAll(again);
    assertThat(read).hasSize(appended.size());
    for (int i = 0; i < read.size(); i++) {
      assertSameRecord(read.get(i), appended.get(i));
    }
    Object price = ((JsonObject) read.get(0).payload()).getValue("price");
    assertThat(price).isInstanceOf(BigDecimal.class).hasToString("19.99");
    assertThat(((JsonObject) read.get(0).payload()).getValue("big")).hasToString("123456789012345678901234567890");
    assertThat(read.get(6).payload()).isNull();
    assertThat(read.get(7).payload()).isEqualTo("just text");
    assertThat(reopened.get("Orders").nextOffset()).isEqualTo(2);
    assertThat(reopened.get("orders")).isNull();
    assertThat(reopened.positions().get("billing", TOPIC)).isEqualTo(4);
    await(reopened.close());
  }

  @Test
  void appendCompletesOnTheCallersContextWithOffsetsInCallOrder(Vertx vertx) throws Exception {
    FileLogStore store = open(vertx, config(dir));
    TopicLog log = store.getOrCreate(TOPIC);
    Context context = vertx.getOrCreateContext();
    CompletableFuture<List<List<Record>>> done = new CompletableFuture<>();
    List<Boolean> onContext = new ArrayList<>();
    context.runOnContext(v -> {
      List<Future<List<Record>>> calls = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Future<List<Record>> call = log.append(messages(TOPIC, 0, 1 + i % 3));
        call.onComplete(ar -> onContext.add(Vertx.currentContext() == context));
        calls.add(call);
      }
      Future.all(calls).onComplete(ar -> done.complete(calls.stream().map(Future::result).toList()));
    });
    List<List<Record>> results = done.get(30, TimeUnit.SECONDS);
    long expected = 0;
    for (List<Record> batch : results) {
      for (Record record : batch) {
        assertThat(record.offset()).isEqualTo(expected++);
      }
    }
    assertThat(log.nextOffset()).isEqualTo(expected);
    assertThat(onContext).hasSize(200).containsOnly(true);
    await(store.close());
  }

  @Test
  void segmentsRollAtSegmentBytesAndABatchIsNeverSplit(Vertx vertx) throws IOException {
    FileLogStore store = open(vertx, config(dir, Fsync.NEVER, Compression.NONE, 4096));
    TopicLog log = store.getOrCreate(TOPIC);
    for (int i = 0; i < 80; i++) {
      await(log.append(messages(TOPIC, i, 1)));
    }
    List<Record> big = await(log.append(messages(TOPIC, 80, 20)));
    await(log.append(messages(TOPIC, 100, 1)));

    Path topicDir = dir.resolve("topics").resolve(TopicDirName.encode(TOPIC));
    List<Path> segments = segmentFiles(topicDir);
    assertThat(segments).hasSize(log.segmentCount()).hasSizeGreaterThan(5);
    long total = 0;
    for (Path segment : segments) {
      long size = Files.size(segment);
      total += size;
      if (!segment.getFileName().toString().equals(Segment.fileName(80, Segment.LOG_SUFFIX))) {
        assertThat(size).isLessThanOrEqualTo(4096);
      }
    }
    Path bigSegment = topicDir.resolve(Segment.fileName(big.get(0).offset(), Segment.LOG_SUFFIX));
    assertThat(Files.size(bigSegment)).isGreaterThan(4096);
    assertThat(topicDir.resolve(Segment.fileName(100, Segment.LOG_SUFFIX))).exists();
    assertThat(log.sizeBytes()).isEqualTo(total);
    assertThat(readAll(log)).extracting(Record::offset).containsExactlyElementsOf(range(0, 101));
    await(store.close());

    FileLogStore reopened = open(vertx, config(dir, Fsync.NEVER, Compression.NONE, 4096), 0);
    TopicLog again = reopened.get(TOPIC);
    assertThat(again.segmentCount()).isEqualTo(segments.size());
    assertThat(again.sizeBytes()).isEqualTo(total);
    List<Record> read = readAll(again);
    assertThat(read).extracting(Record::offset).containsExactlyElementsOf(range(0, 101));
    assertThat(read).extracting(r -> ((JsonObject) r.payload()).getLong("n")).containsExactlyElementsOf(range(0, 101));
    await(reopened.close());
  }

  @Test
  void readHonoursMaxRecordsAndMaxBytesAndAlwaysReturnsOne(Vertx vertx) {
    for (long cache : new long[] {TailCache.DEFAULT_MAX_BYTES, 0}) {
      Path storeDir = dir.resolve("cache-" + cache);
      FileLogStore store = open(vertx, config(storeDir), cache);
      TopicLog log = store.getOrCreate(TOPIC);
      await(log.append(messages(TOPIC, 0, 4)));
      await(log.append(messages(TOPIC, 4, 6)));
      int size = log.read(0, 1, Long.MAX_VALUE).get(0).size();

      assertThat(log.read(0, 3, Long.MAX_VALUE)).extracting(Record::offset).containsExactly(0L, 1L, 2L);
      assertThat(log.read(2, 100, 1)).extracting(Record::offset).containsExactly(2L);
      assertThat(log.read(3, 100, size * 2L + size / 2)).extracting(Record::offset).containsExactly(3L, 4L);
      assertThat(log.read(-5, 2, Long.MAX_VALUE)).extracting(Record::offset).containsExactly(0L, 1L);
      assertThat(log.read(8, 100, Long.MAX_VALUE)).extracting(Record::offset).containsExactly(8L, 9L);
      assertThat(log.read(10, 100, Long.MAX_VALUE)).isEmpty();
      assertThat(log.read(99, 100, Long.MAX_VALUE)).isEmpty();
      assertThat(log.read(0, 0, Long.MAX_VALUE)).isEmpty();
      assertThat(log.messageCount()).isEqualTo(10);
      await(store.close());
    }
  }

  @Test
  void offsetForTimestampReturnsTheFirstRecordAtOrAfterIt(Vertx vertx) {
    StorageConfig config = config(dir, Fsync.NEVER, Compression.NONE, 16 * 1024);
    FileLogStore store = open(vertx, config);
    TopicLog log = store.getOrCreate(TOPIC);
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      if (i % 3 == 0) {
        long last = records.isEmpty() ? 0 : records.get(records.size() - 1).timestamp();
        clockPasses(last);
      }
      records.addAll(await(log.append(messages(TOPIC, records.size(), 1 + i % 3))));
    }
    assertThat(log.segmentCount()).isGreaterThan(2);
    assertTimestampLookups(log, records);
    await(store.close());

    FileLogStore reopened = open(vertx, config, 0);
    assertTimestampLookups(reopened.get(TOPIC), records);
    await(reopened.close());
  }

  private static void assertTimestampLookups(TopicLog log, List<Record> records) {
    assertThat(log.offsetForTimestamp(0)).isZero();
    assertThat(log.offsetForTimestamp(Long.MAX_VALUE)).isEqualTo(log.nextOffset());
    for (Record record : records) {
      for (long t : new long[] {record.timestamp() - 1, record.timestamp(), record.timestamp() + 1}) {
        long expected = records.stream().filter(r -> r.timestamp() >= t).mapToLong(Record::offset).findFirst()
            .orElse(log.nextOffset());
        assertThat(log.offsetForTimestamp(t)).as("timestamp %d", t).isEqualTo(expected);
      }
    }
  }

  @Test
  void compressionOnAndOffGiveIdenticalReads(Vertx vertx) throws IOException {
    List<List<Record>> reads = new ArrayList<>();
    List<Long> bytes = new ArrayList<>();
    for (Compression compression : Compression.values()) {
      StorageConfig config = config(dir.resolve(compression.name()), Fsync.NEVER, compression, 8192);
      FileLogStore store = open(vertx, config);
      TopicLog log = store.getOrCreate(TOPIC);
      List<Record> appended = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        appended.addAll(await(log.append(messages(TOPIC, appended.size(), 1 + i % 4))));
      }
      List<Record> cached = readAll(log);
      await(store.close());
      FileLogStore reopened = open(vertx, config, 0);
      List<Record> fromDisk = readAll(reopened.get(TOPIC));
      assertThat(fromDisk).hasSize(appended.size());
      for (int i = 0; i < appended.size(); i++) {
        assertSameRecord(cached.get(i), appended.get(i));
        assertSameRecord(fromDisk.get(i), appended.get(i));
      }
      bytes.add(reopened.get(TOPIC).sizeBytes());
      reads.add(fromDisk);
      await(reopened.close());
    }
    List<Record> plain = reads.get(0);
    List<Record> gzip = reads.get(1);
    assertThat(gzip).hasSameSizeAs(plain);
    for (int i = 0; i < plain.size(); i++) {
      assertThat(gzip.get(i).offset()).isEqualTo(plain.get(i).offset());
      assertThat(gzip.get(i).size()).isEqualTo(plain.get(i).size());
      assertThat(json(gzip.get(i))).isEqualTo(json(plain.get(i)));
    }
    assertThat(bytes.get(1)).isLessThan(bytes.get(0));
  }

  @Test
  void retentionByTimeDeletesOldSegmentsButNeverTheActiveOne(Vertx vertx) throws IOException {
    StorageConfig config = Logs.withRetention(config(dir, Fsync.NEVER, Compression.NONE, 4096), 60_000, -1);
    FileLogStore store = open(vertx, config);
    TopicLog log = store.getOrCreate(TOPIC);
    List<Record> old = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      old.addAll(await(log.append(messages(TOPIC, i, 1))));
    }
    long oldest = old.get(old.size() - 1).timestamp();
    clockPasses(oldest);
    List<Record> fresh = new ArrayList<>();
    for (int i = 20; i < 40; i++) {
      fresh.addAll(await(log.append(messages(TOPIC, i, 1))));
    }
    int before = log.segmentCount();

    await(store.enforceRetention(oldest + 1 + 60_000));
    Path topicDir = dir.resolve("topics").resolve(TopicDirName.encode(TOPIC));
    assertThat(log.segmentCount()).isLessThan(before).isEqualTo(segmentFiles(topicDir).size());
    long first = log.firstOffset();
    assertThat(first).isGreaterThan(0).isLessThanOrEqualTo(20);
    assertThat(log.read(0, 1, Long.MAX_VALUE).get(0).offset()).isEqualTo(first);
    assertThat(readAll(log)).extracting(Record::offset).containsExactlyElementsOf(range(first, 40));
    assertThat(log.sizeBytes()).isEqualTo(totalSize(topicDir));
    assertThat(log.offsetForTimestamp(0)).isEqualTo(first);

    await(store.enforceRetention(Long.MAX_VALUE / 2));
    assertThat(log.segmentCount()).isEqualTo(1);
    assertThat(log.nextOffset()).isEqualTo(40);
    assertThat(readAll(log)).isNotEmpty().allSatisfy(r -> assertThat(r.offset()).isGreaterThanOrEqualTo(first));
    await(store.close());

    FileLogStore reopened = open(vertx, config);
    assertThat(reopened.get(TOPIC).firstOffset()).isEqualTo(log.firstOffset());
    assertThat(reopened.get(TOPIC).nextOffset()).isEqualTo(40);
    await(reopened.close());
  }

  @Test
  void retentionByBytesDeletesOldestSegmentsUntilTheTopicFits(Vertx vertx) throws IOException {
    StorageConfig config = Logs.withRetention(config(dir, Fsync.NEVER, Compression.NONE, 4096), -1, 3 * 4096);
    FileLogStore store = open(vertx, config);
    TopicLog log = store.getOrCreate(TOPIC);
    for (int i = 0; i < 60; i++) {
      await(log.append(messages(TOPIC, i, 1)));
    }
    assertThat(log.sizeBytes()).isGreaterThan(3 * 4096);
    await(store.enforceRetention(System.currentTimeMillis()));
    Path topicDir = dir.resolve("topics").resolve(TopicDirName.encode(TOPIC));
    assertThat(log.sizeBytes()).isLessThanOrEqualTo(3 * 4096).isEqualTo(totalSize(topicDir));
    assertThat(log.firstOffset()).isGreaterThan(0);
    assertThat(readAll(log)).extracting(Record::offset).containsExactlyElementsOf(range(log.firstOffset(), 60));
    await(store.close());

    StorageConfig tiny = Logs.withRetention(config, -1, 1);
    FileLogStore reopened = open(vertx, tiny);
    await(reopened.enforceRetention(System.currentTimeMillis()));
    TopicLog again = reopened.get(TOPIC);
    assertThat(again.segmentCount()).isEqualTo(1);
    assertThat(again.sizeBytes()).isGreaterThan(1);
    assertThat(again.nextOffset()).isEqualTo(60);
    await(reopened.close());
  }

  @Test
  void concurrentReadersSeeOnlyCompleteRecordsInOrder(Vertx vertx) throws Exception {
    // A small tail cache, so readers go to the disk and to the cache, across segment rolls.
    FileLogStore store = open(vertx, config(dir, Fsync.NEVER, Compression.NONE, 32 * 1024), 16 * 1024);
    TopicLog log = store.getOrCreate(TOPIC);
    int total = 3000;
    List<CompletableFuture<Void>> readers = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      int maxRecords = 7 + r * 13;
      readers.add(CompletableFuture.runAsync(() -> {
        long next = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (next < total) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError("reader stuck at " + next);
          }
          long readable = log.nextOffset();
          for (Record record : log.read(next, maxRecords, 8192)) {
            assertThat(record.offset()).isEqualTo(next);
            assertThat(((JsonObject) record.payload()).getLong("n")).isEqualTo(next);
            assertThat(record.id()).isEqualTo("id-" + next);
            next++;
          }
          if (next >= readable) {
            Thread.onSpinWait();
          }
        }
      }));
    }
    Context context = vertx.getOrCreateContext();
    CompletableFuture<Void> appended = new CompletableFuture<>();
    context.runOnContext(v -> {
      List<Future<List<Record>>> calls = new ArrayList<>();
      for (int n = 0; n < total; ) {
        int count = Math.min(1 + n % 4, total - n);
        calls.add(log.append(messages(TOPIC, n, count)));
        n += count;
      }
      Future.all(calls).onComplete(ar -> appended.complete(null));
    });
    appended.get(30, TimeUnit.SECONDS);
    CompletableFuture.allOf(readers.toArray(new CompletableFuture[0])).get(40, TimeUnit.SECONDS);
    assertThat(log.segmentCount()).isGreaterThan(3);
    await(store.close());
  }

  @Test
  void concurrentAppendsShareFsyncs(Vertx vertx) throws Exception {
    FileLogStore store = open(vertx, config(dir));
    await(store.getOrCreate(TOPIC).append(messages(TOPIC, 0, 1)));
    long before = store.fsyncCount();
    Context context = vertx.getOrCreateContext();
    CompletableFuture<List<List<Record>>> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      List<Future<List<Record>>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String topic = TOPIC + "." + (i % 4);
        calls.add(store.getOrCreate(topic).append(messages(topic, i, 1)));
      }
      Future.all(calls).onComplete(ar -> done.complete(calls.stream().map(Future::result).toList()));
    });
    List<List<Record>> results = done.get(30, TimeUnit.SECONDS);
    assertThat(results).hasSize(64);
    long fsyncs = store.fsyncCount() - before;
    assertThat(fsyncs).as("fsyncs for 64 appends to 4 topics").isBetween(1L, 16L);
    for (int t = 0; t < 4; t++) {
      assertThat(readAll(store.get(TOPIC + "." + t))).extracting(Record::offset).containsExactlyElementsOf(range(0, 16));
    }
    await(store.close());
  }

  @Test
  void readersRacingRetentionRestartAtTheNewFirstOffset(Vertx vertx) throws Exception {
    StorageConfig config = Logs.withRetention(config(dir, Fsync.NEVER, Compression.NONE, 4096), -1, 2 * 4096);
    FileLogStore store = open(vertx, config, 0);
    TopicLog log = store.getOrCreate(TOPIC);
    for (int i = 0; i < 200; i++) {
      await(log.append(messages(TOPIC, i, 1)));
    }
    List<CompletableFuture<Void>> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      readers.add(CompletableFuture.runAsync(() -> {
        for (int pass = 0; pass < 200 && log.firstOffset() < 150; pass++) {
          long expected = -1;
          for (Record record : log.read(0, 1000, Long.MAX_VALUE)) {
            assertThat(expected < 0 || record.offset() == expected).isTrue();
            assertThat(((JsonObject) record.payload()).getLong("n")).isEqualTo(record.offset());
            expected = record.offset() + 1;
          }
        }
      }));
    }
    for (int i = 200; i < 400; i++) {
      await(log.append(messages(TOPIC, i, 1)));
      await(store.enforceRetention(System.currentTimeMillis()));
    }
    CompletableFuture.allOf(readers.toArray(new CompletableFuture[0])).get(30, TimeUnit.SECONDS);
    assertThat(log.firstOffset()).isGreaterThan(300);
    assertThat(log.read(0, 1, Long.MAX_VALUE).get(0).offset()).isEqualTo(log.firstOffset());
    await(store.close());
  }

  @Test
  void intervalModeForcesOnItsOwnAndNeverModeOnlyOnClose(Vertx vertx) {
    FileLogStore interval = open(vertx, config(dir.resolve("interval"), Fsync.INTERVAL, Compression.NONE, 1 << 20));
    await(interval.getOrCreate(TOPIC).append(messages(TOPIC, 0, 1)));
    await().atMost(5, TimeUnit.SECONDS).until(() -> interval.fsyncCount() >= 1);
    await(interval.close());

    FileLogStore never = open(vertx, config(dir.resolve("never"), Fsync.NEVER, Compression.NONE, 1 << 20));
    for (int i = 0; i < 20; i++) {
      await(never.getOrCreate(TOPIC).append(messages(TOPIC, i, 1)));
    }
    assertThat(never.fsyncCount()).isZero();
    await(never.close());
    assertThat(never.fsyncCount()).isEqualTo(1);
  }

  @Test
  void closeFlushesAndLaterAppendsFail(Vertx vertx) {
    FileLogStore store = open(vertx, config(dir, Fsync.INTERVAL, Compression.NONE, 1 << 20));
    TopicLog log = store.getOrCreate(TOPIC);
    await(log.append(messages(TOPIC, 0, 3)));
    await(store.close());
    Future<List<Record>> late = log.append(messages(TOPIC, 3, 1));
    assertThat(late.failed()).isTrue();
    assertThat(late.cause()).isInstanceOf(StorageException.class);
    assertThat(store.close().succeeded()).isTrue();

    FileLogStore reopened = open(vertx, config(dir, Fsync.INTERVAL, Compression.NONE, 1 << 20));
    assertThat(reopened.get(TOPIC).nextOffset()).isEqualTo(3);
    assertThat(await(reopened.get(TOPIC).append(messages(TOPIC, 3, 1))).get(0).offset()).isEqualTo(3);
    await(reopened.close());
  }

  @Test
  void topicsDifferingOnlyInCaseNeverShareFiles(Vertx vertx) throws IOException {
    FileLogStore store = open(vertx, config(dir));
    for (String topic : List.of("Orders", "orders", "ORDERS", "or_ders", "Or_Ders")) {
      await(store.getOrCreate(topic).append(List.of(message(topic, topic.hashCode()))));
    }
    try (Stream<Path> dirs = Files.list(dir.resolve("topics"))) {
      List<String> names = dirs.map(p -> p.getFileName().toString()).toList();
      assertThat(names).hasSize(5).allSatisfy(name -> assertThat(name).isEqualTo(name.toLowerCase()));
      assertThat(names.stream().map(String::toLowerCase).distinct()).hasSize(5);
    }
    await(store.close());
    FileLogStore reopened = open(vertx, config(dir));
    for (String topic : List.of("Orders", "orders", "ORDERS", "or_ders", "Or_Ders")) {
      List<Record> records = readAll(reopened.get(topic));
      assertThat(records).hasSize(1);
      assertThat(records.get(0).topic()).isEqualTo(topic);
      assertThat(((JsonObject) records.get(0).payload()).getLong("n")).isEqualTo(topic.hashCode());
    }
    await(reopened.close());
  }

  /** Waits (polling every millisecond, at most a second) until the wall clock is past {@code timestamp}. */
  static void clockPasses(long timestamp) {
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(1, TimeUnit.SECONDS)
        .until(() -> System.currentTimeMillis() > timestamp);
  }

  static List<Path> segmentFiles(Path topicDir) throws IOException {
    try (Stream<Path> files = Files.list(topicDir)) {
      return files.filter(p -> p.toString().endsWith(Segment.LOG_SUFFIX)).sorted().toList();
    }
  }

  static long totalSize(Path topicDir) throws IOException {
    long total = 0;
    for (Path segment : segmentFiles(topicDir)) {
      total += Files.size(segment);
    }
    return total;
  }

  static List<Long> range(long from, long to) {
    List<Long> offsets = new ArrayList<>();
    for (long i = from; i < to; i++) {
      offsets.add(i);
    }
    return offsets;
  }
}
