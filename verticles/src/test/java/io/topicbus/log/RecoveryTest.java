package io.topicbus.log;

import io.topicbus.config.StorageConfig;
import io.topicbus.config.StorageConfig.Compression;
import io.topicbus.config.StorageConfig.Fsync;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.topicbus.log.FileLogStoreTest.assertSameRecord;
import static io.topicbus.log.FileLogStoreTest.open;
import static io.topicbus.log.FileLogStoreTest.range;
import static io.topicbus.log.FileLogStoreTest.segmentFiles;
import static io.topicbus.log.Logs.TOPIC;
import static io.topicbus.log.Logs.await;
import static io.topicbus.log.Logs.config;
import static io.topicbus.log.Logs.messages;
import static io.topicbus.log.Logs.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Recovery} on open: torn tails go, acknowledged records stay, indexes come back, damage is never served. */
@ExtendWith(VertxExtension.class)
class RecoveryTest {

  @TempDir
  Path dir;

  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void captureLog() {
    Logger.getLogger("io.topicbus.log").addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    Logger.getLogger("io.topicbus.log").removeHandler(capture);
  }

  private Path topicDir() {
    return dir.resolve("topics").resolve(TopicDirName.encode(TOPIC));
  }

  private Path segment(long base) {
    return topicDir().resolve(Segment.fileName(base, Segment.LOG_SUFFIX));
  }

  private boolean loggedAt(Level level, String... parts) {
    return logged.stream().anyMatch(r -> r.getLevel().equals(level) && List.of(parts).stream()
        .allMatch(part -> r.getMessage().contains(part)));
  }

  @Test
  void aMultiRecordBatchCutInHalfIsGoneEntirely(Vertx vertx) throws IOException {
    FileLogStore store = open(vertx, config(dir));
    TopicLog log = store.getOrCreate(TOPIC);
    List<Record> kept = await(log.append(messages(TOPIC, 0, 3)));
    long cut = Files.size(segment(0));
    await(log.append(messages(TOPIC, 3, 5)));
    long full = Files.size(segment(0));
    await(store.close());
    long torn = cut + (full - cut) / 2;
    truncate(segment(0), torn);

    FileLogStore reopened = open(vertx, config(dir));
    TopicLog again = reopened.get(TOPIC);
    assertThat(again.nextOffset()).isEqualTo(3);
    List<Record> read = readAll(again);
    assertThat(read).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertSameRecord(read.get(i), kept.get(i));
    }
    assertThat(Files.size(segment(0))).isEqualTo(cut);
    assertThat(loggedAt(Level.WARNING, TOPIC, "torn tail at offset 3", (torn - cut) + " bytes dropped")).isTrue();
    assertThat(await(again.append(messages(TOPIC, 3, 2)))).extracting(Record::offset).containsExactly(3L, 4L);
    await(reopened.close());

    FileLogStore third = open(vertx, config(dir));
    assertThat(readAll(third.get(TOPIC))).extracting(Record::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
    await(third.close());
  }

  @Test
  void garbageAfterTheLastBatchIsTruncatedAndAppendingContinuesAtTheRightOffset(Vertx vertx) throws IOException {
    byte[] random = new byte[3000];
    new Random(7).nextBytes(random);
    for (byte[] garbage : List.of(random, new byte[5000])) {
      Path storeDir = dir.resolve("g" + garbage.length);
      StorageConfig config = config(storeDir);
      FileLogStore store = open(vertx, config);
      for (int i = 0; i < 10; i++) {
        await(store.getOrCreate(TOPIC).append(messages(TOPIC, i * 2L, 2)));
      }
      await(store.close());
      Path log = storeDir.resolve("topics").resolve(TopicDirName.encode(TOPIC)).resolve(Segment.fileName(0, ".log"));
      long good = Files.size(log);
      Files.write(log, garbage, StandardOpenOption.APPEND);

      FileLogStore reopened = open(vertx, config);
      TopicLog again = reopened.get(TOPIC);
      assertThat(again.nextOffset()).isEqualTo(20);
      assertThat(again.corrupt()).isFalse();
      assertThat(Files.size(log)).isEqualTo(good);
      assertThat(loggedAt(Level.WARNING, TOPIC, "offset 20", garbage.length + " bytes dropped")).isTrue();
      assertThat(await(again.append(messages(TOPIC, 20, 1))).get(0).offset()).isEqualTo(20);
      await(reopened.close());

      FileLogStore third = open(vertx, config, 0);
      List<Record> all = readAll(third.get(TOPIC));
      assertThat(all).extracting(Record::offset).containsExactlyElementsOf(range(0, 21));
      assertThat(all).extracting(r -> ((JsonObject) r.payload()).getLong("n")).containsExactlyElementsOf(range(0, 21));
      await(third.close());
    }
  }

  @Test
  void garbageAfterASealedSegmentIsDroppedAndNothingElse(Vertx vertx) throws IOException {
    StorageConfig config = config(dir, Fsync.NEVER, Compression.NONE, 8192);
    FileLogStore store = open(vertx, config);
    for (int i = 0; i < 60; i++) {
      await(store.getOrCreate(TOPIC).append(messages(TOPIC, i, 1)));
    }
    await(store.close());
    Path first = segmentFiles(topicDir()).get(0);
    long good = Files.size(first);
    Files.write(first, new byte[700], StandardOpenOption.APPEND);

    FileLogStore reopened = open(vertx, config, 0);
    assertThat(Files.size(first)).isEqualTo(good);
    assertThat(readAll(reopened.get(TOPIC))).extracting(Record::offset).containsExactlyElementsOf(range(0, 60));
    assertThat(reopened.get(TOPIC).corrupt()).isFalse();
    await(reopened.close());
  }

  @Test
  void deletedOrDamagedIndexesAreRebuilt(Vertx vertx) throws IOException {
    StorageConfig config = config(dir, Fsync.NEVER, Compression.NONE, 32 * 1024);
    FileLogStore store = open(vertx, config);
    List<Record> appended = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      appended.addAll(await(store.getOrCreate(TOPIC).append(messages(TOPIC, appended.size(), 1 + i % 2))));
    }
    await(store.close());
    List<Path> segments = segmentFiles(topicDir());
    assertThat(segments).hasSizeGreaterThanOrEqualTo(3);
    Map<Path, byte[]> indexes = new HashMap<>();
    for (Path segment : segments) {
      for (String suffix : List.of(OffsetIndex.SUFFIX, TimeIndex.SUFFIX)) {
        Path index = sibling(segment, suffix);
        indexes.put(index, Files.readAllBytes(index));
      }
    }
    assertThat(indexes.get(sibling(segments.get(0), OffsetIndex.SUFFIX)).length).isGreaterThan(3 * OffsetIndex.ENTRY_SIZE);
    byte[] noise = new byte[indexes.get(sibling(segments.get(1), TimeIndex.SUFFIX)).length];
    new Random(3).nextBytes(noise);
    Files.delete(sibling(segments.get(0), OffsetIndex.SUFFIX));
    Files.write(sibling(segments.get(1), TimeIndex.SUFFIX), noise);
    Files.write(sibling(segments.get(segments.size() - 1), OffsetIndex.SUFFIX), new byte[3]);

    FileLogStore reopened = open(vertx, config, 0);
    for (Map.Entry<Path, byte[]> index : indexes.entrySet()) {
      assertThat(Files.readAllBytes(index.getKey())).as(index.getKey().toString()).isEqualTo(index.getValue());
    }
    assertThat(loggedAt(Level.INFO, TOPIC, "rebuilding the indexes of " + segments.get(0).getFileName())).isTrue();
    assertThat(loggedAt(Level.INFO, TOPIC, "rebuilding the indexes of " + segments.get(1).getFileName())).isTrue();
    TopicLog again = reopened.get(TOPIC);
    List<Record> read = readAll(again);
    for (int i = 0; i < appended.size(); i++) {
      assertSameRecord(read.get(i), appended.get(i));
    }
    for (Record record : appended) {
      assertThat(again.read(record.offset(), 1, Long.MAX_VALUE).get(0).offset()).isEqualTo(record.offset());
      assertThat(again.offsetForTimestamp(record.timestamp())).isLessThanOrEqualTo(record.offset());
    }
    await(reopened.close());
  }

  @Test
  void aCorruptedByteInAnOldBatchIsNeverServed(Vertx vertx) throws IOException {
    for (Compression compression : Compression.values()) {
      Path storeDir = dir.resolve(compression.name());
      StorageConfig config = config(storeDir, Fsync.NEVER, compression, 16 * 1024);
      FileLogStore store = open(vertx, config);
      for (int i = 0; i < 60; i++) {
        await(store.getOrCreate(TOPIC).append(messages(TOPIC, i * 2L, 2)));
      }
      await(store.close());
      Path topicDir = storeDir.resolve("topics").resolve(TopicDirName.encode(TOPIC));
      List<Path> segments = segmentFiles(topicDir);
      assertThat(segments).hasSizeGreaterThanOrEqualTo(2);
      long sealedBad = flipByteInBatch(segments.get(0), 3);
      long activeBad = flipByteInBatch(segments.get(segments.size() - 1), 1);

      FileLogStore reopened = open(vertx, config, 0);
      TopicLog log = reopened.get(TOPIC);
      // The active segment is scanned on open: its damage is found at once, and nothing after it is cut.
      assertThat(log.corrupt()).isTrue();
      assertThat(log.nextOffset()).isEqualTo(120);
      assertThat(loggedAt(Level.SEVERE, TOPIC, "records " + activeBad + ".." + (activeBad + 1))).isTrue();

      assertThat(log.read(0, 1000, Long.MAX_VALUE)).extracting(Record::offset)
          .containsExactlyElementsOf(range(0, sealedBad));
      for (long bad : List.of(sealedBad, activeBad)) {
        for (long offset : List.of(bad, bad + 1)) {
          assertThatThrownBy(() -> log.read(offset, 10, Long.MAX_VALUE))
              .isInstanceOfSatisfying(CorruptRecordException.class, e -> {
                assertThat(e.topic()).isEqualTo(TOPIC);
                assertThat(e.offset()).isEqualTo(offset);
              });
        }
        assertThat(log.read(bad + 2, 1, Long.MAX_VALUE).get(0).offset()).isEqualTo(bad + 2);
      }
      assertThat(loggedAt(Level.SEVERE, TOPIC, "offset " + sealedBad, "not served")).isTrue();
      assertThat(await(log.append(messages(TOPIC, 120, 1))).get(0).offset()).isEqualTo(120);
      await(reopened.close());
    }
  }

  @Test
  void anEmptySegmentLeftByACrashDuringARollIsWhereAppendingContinues(Vertx vertx) throws IOException {
    StorageConfig config = config(dir, Fsync.ALWAYS, Compression.NONE, 8192);
    FileLogStore store = open(vertx, config);
    for (int i = 0; i < 40; i++) {
      await(store.getOrCreate(TOPIC).append(messages(TOPIC, i, 1)));
    }
    await(store.close());
    int segments = segmentFiles(topicDir()).size();
    Files.createFile(segment(40));

    FileLogStore reopened = open(vertx, config);
    TopicLog log = reopened.get(TOPIC);
    assertThat(log.segmentCount()).isEqualTo(segments + 1);
    assertThat(log.nextOffset()).isEqualTo(40);
    assertThat(await(log.append(messages(TOPIC, 40, 1))).get(0).offset()).isEqualTo(40);
    assertThat(Files.size(segment(40))).isPositive();
    assertThat(readAll(log)).extracting(Record::offset).containsExactlyElementsOf(range(0, 41));
    await(reopened.close());
  }

  @Test
  void aLargeTopicReopensInWellUnderASecond(Vertx vertx) throws IOException {
    long target = Math.min(1L << 30, dir.toFile().getUsableSpace() / 4);
    StorageConfig config = config(dir, Fsync.NEVER, Compression.NONE, 64L * 1024 * 1024);
    FileLogStore store = open(vertx, config);
    TopicLog log = store.getOrCreate(TOPIC);
    String chunk = "x".repeat(256 * 1024);
    List<Draft> batch = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      batch.add(MessageJson.draft(TOPIC, "k" + i, null, new JsonObject().put("i", i).put("data", chunk), null));
    }
    int appends = (int) (target / (4L * chunk.length()));
    for (int i = 0; i < appends; i += 64) {
      List<Future<List<Record>>> window = new ArrayList<>();
      for (int j = i; j < Math.min(appends, i + 64); j++) {
        window.add(log.append(batch));
      }
      await(Future.all(window));
    }
    long bytes = log.sizeBytes();
    await(store.close());

    FileLogStore reopened = new FileLogStore(vertx, config, 0, ChannelOpener.DEFAULT);
    long started = System.nanoTime();
    await(reopened.open());
    long openMs = (System.nanoTime() - started) / 1_000_000;
    TopicLog again = reopened.get(TOPIC);
    assertThat(openMs).as("open of %d MiB in %d segments took %d ms", bytes >> 20, again.segmentCount(), openMs)
        .isLessThan(2000);
    assertThat(again.sizeBytes()).isEqualTo(bytes);
    assertThat(again.nextOffset()).isEqualTo(appends * 4L);
    assertThat(again.segmentCount()).isGreaterThan(1);
    Record last = again.read(again.nextOffset() - 1, 1, Long.MAX_VALUE).get(0);
    assertThat(((JsonObject) last.payload()).getString("data")).isEqualTo(chunk);
    assertThat(((JsonObject) again.read(0, 1, 1).get(0).payload()).getInteger("i")).isZero();
    await(reopened.close());
    System.out.printf("large topic: %d MiB in %d segments reopened in %d ms%n", bytes >> 20, again.segmentCount(), openMs);
  }

  private static Path sibling(Path segment, String suffix) {
    String name = segment.getFileName().toString();
    return segment.resolveSibling(name.substring(0, name.length() - Segment.LOG_SUFFIX.length()) + suffix);
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    }
  }

  /** Flips one byte in the body of the {@code n}th batch of a segment file; returns that batch's base offset. */
  private static long flipByteInBatch(Path segment, int n) throws IOException {
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long position = 0;
      ByteBuffer header = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
      for (int i = 0; ; i++) {
        channel.read(header.clear(), position);
        int length = header.getInt(8);
        if (i == n) {
          long at = position + RecordBatch.HEADER_SIZE + (length - RecordBatch.HEADER_SIZE) / 2;
          ByteBuffer one = ByteBuffer.allocate(1);
          channel.read(one, at);
          channel.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x20)}), at);
          return header.getLong(0);
        }
        position += length;
      }
    }
  }
}
