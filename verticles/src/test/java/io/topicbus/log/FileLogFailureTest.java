package io.topicbus.log;

import io.topicbus.config.StorageConfig;
import io.topicbus.config.StorageConfig.Compression;
import io.topicbus.config.StorageConfig.Fsync;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.topicbus.log.FileLogStoreTest.range;
import static io.topicbus.log.FileLogStoreTest.segmentFiles;
import static io.topicbus.log.Logs.TOPIC;
import static io.topicbus.log.Logs.await;
import static io.topicbus.log.Logs.config;
import static io.topicbus.log.Logs.messages;
import static io.topicbus.log.Logs.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A disk that fills up or an fsync that fails: the append fails, the log stays as it was, nothing half-stored. */
@ExtendWith(VertxExtension.class)
class FileLogFailureTest {

  @TempDir
  Path dir;

  private final FaultyChannel.Faults faults = new FaultyChannel.Faults();

  private FileLogStore open(Vertx vertx, StorageConfig config) {
    FileLogStore store = new FileLogStore(vertx, config, TailCache.DEFAULT_MAX_BYTES, faults.opener());
    await(store.open());
    return store;
  }

  private Path topicDir() {
    return dir.resolve("topics").resolve(TopicDirName.encode(TOPIC));
  }

  private static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the append to fail");
  }

  @Test
  void aFailedWriteFailsTheAppendAndLeavesTheLogAsItWas(Vertx vertx) throws IOException {
    FileLogStore store = open(vertx, config(dir));
    TopicLog log = store.getOrCreate(TOPIC);
    await(log.append(messages(TOPIC, 0, 3)));
    Path segment = segmentFiles(topicDir()).get(0);
    long size = Files.size(segment);

    faults.failWrites = true;
    assertThat(failure(log.append(messages(TOPIC, 3, 4)))).isInstanceOf(StorageException.class)
        .hasMessageContaining(TOPIC).hasMessageContaining("No space left on device");
    assertThat(log.nextOffset()).isEqualTo(3);
    assertThat(log.read(3, 10, Long.MAX_VALUE)).isEmpty();
    assertThat(Files.size(segment)).isEqualTo(size);

    faults.failWrites = false;
    // The failed offsets were never acknowledged, so the next append takes them.
    assertThat(await(log.append(messages(TOPIC, 3, 2)))).extracting(Record::offset).containsExactly(3L, 4L);
    await(store.close());

    FileLogStore reopened = open(vertx, config(dir));
    assertThat(readAll(reopened.get(TOPIC))).extracting(Record::offset).containsExactlyElementsOf(range(0, 5));
    await(reopened.close());
  }

  @Test
  void anAppendQueuedBehindAFailedOneFailsTooAndOffsetsStayDense(Vertx vertx) throws Exception {
    FileLogStore store = open(vertx, config(dir));
    TopicLog log = store.getOrCreate(TOPIC);
    await(log.append(messages(TOPIC, 0, 1)));
    CountDownLatch fsync = new CountDownLatch(1);
    faults.holdForce = fsync;
    long fsyncs = store.fsyncCount();
    Future<List<Record>> held = log.append(messages(TOPIC, 1, 1));
    await().atMost(5, TimeUnit.SECONDS).until(() -> store.fsyncCount() > fsyncs);

    // While the writer waits in that fsync, two more appends queue up; the first of them will fail.
    Context context = vertx.getOrCreateContext();
    CompletableFuture<List<Future<List<Record>>>> queued = new CompletableFuture<>();
    context.runOnContext(v -> queued.complete(List.of(log.append(messages(TOPIC, 2, 2)), log.append(messages(TOPIC, 4, 1)))));
    List<Future<List<Record>>> behind = queued.get(5, TimeUnit.SECONDS);
    faults.failWrites = true;
    faults.holdForce = null;
    fsync.countDown();

    assertThat(await(held).get(0).offset()).isEqualTo(1);
    assertThat(failure(behind.get(0))).isInstanceOf(StorageException.class);
    assertThat(failure(behind.get(1))).isInstanceOf(StorageException.class).hasMessageContaining("earlier append");
    faults.failWrites = false;
    assertThat(log.nextOffset()).isEqualTo(2);
    assertThat(await(log.append(messages(TOPIC, 2, 1))).get(0).offset()).isEqualTo(2);
    assertThat(readAll(log)).extracting(Record::offset).containsExactly(0L, 1L, 2L);
    await(store.close());
  }

  @Test
  void aFailureInsideOneWriteOfSeveralBatchesKeepsTheBatchesBeforeIt(Vertx vertx) throws Exception {
    // Sizes such that the held append leaves the index cadence just short, so the second queued batch
    // (not the first) is the one that needs an index entry, and that index write fails.
    int held = 1;
    while (batchSize(0, held + 1) <= OffsetIndex.INTERVAL_BYTES) {
      held++;
    }
    int first = 1;
    while (batchSize(0, held) + batchSize(held, first) <= OffsetIndex.INTERVAL_BYTES) {
      first++;
    }
    int heldCount = held;
    int firstCount = first;
    FileLogStore store = open(vertx, config(dir));
    TopicLog log = store.getOrCreate(TOPIC);
    CountDownLatch fsync = new CountDownLatch(1);
    faults.holdForce = fsync;
    Future<List<Record>> heldAppend = log.append(messages(TOPIC, 0, held));
    await().atMost(5, TimeUnit.SECONDS).until(() -> store.fsyncCount() > 0);
    Context context = vertx.getOrCreateContext();
    CompletableFuture<List<Future<List<Record>>>> queued = new CompletableFuture<>();
    context.runOnContext(v -> queued.complete(List.of(log.append(messages(TOPIC, heldCount, firstCount)),
        log.append(messages(TOPIC, heldCount + firstCount, 1)),
        log.append(messages(TOPIC, heldCount + firstCount + 1, 1)))));
    List<Future<List<Record>>> behind = queued.get(5, TimeUnit.SECONDS);
    faults.failIndexWrites = true;
    faults.holdForce = null;
    fsync.countDown();

    assertThat(await(heldAppend)).hasSize(held);
    assertThat(await(behind.get(0))).hasSize(first);
    assertThat(failure(behind.get(1))).isInstanceOf(StorageException.class);
    assertThat(failure(behind.get(2))).isInstanceOf(StorageException.class).hasMessageContaining("earlier append");
    assertThat(log.nextOffset()).isEqualTo(held + first);
    assertThat(Files.size(segmentFiles(topicDir()).get(0))).isEqualTo(batchSize(0, held) + batchSize(held, first));
    faults.failIndexWrites = false;
    await(store.close());

    FileLogStore reopened = open(vertx, config(dir));
    assertThat(readAll(reopened.get(TOPIC))).extracting(Record::offset).containsExactlyElementsOf(range(0, held + first));
    await(reopened.close());
  }

  private static int batchSize(long from, int messages) {
    return RecordBatch.encode(from, 0, messages(TOPIC, from, messages), false).capacity();
  }

  @Test
  void aFailedFsyncFailsTheAppendAndRollsItBack(Vertx vertx) throws IOException {
    FileLogStore store = open(vertx, config(dir));
    TopicLog log = store.getOrCreate(TOPIC);
    await(log.append(messages(TOPIC, 0, 2)));
    Path segment = segmentFiles(topicDir()).get(0);
    long size = Files.size(segment);

    faults.failForce = true;
    assertThat(failure(log.append(messages(TOPIC, 2, 3)))).isInstanceOf(StorageException.class)
        .hasMessageContaining("fsync");
    assertThat(log.nextOffset()).isEqualTo(2);
    assertThat(Files.size(segment)).isEqualTo(size);

    faults.failForce = false;
    assertThat(await(log.append(messages(TOPIC, 2, 1))).get(0).offset()).isEqualTo(2);
    await(store.close());
    FileLogStore reopened = open(vertx, config(dir));
    assertThat(readAll(reopened.get(TOPIC))).extracting(Record::offset).containsExactly(0L, 1L, 2L);
    await(reopened.close());
  }

  @Test
  void aFailedAppendThatRolledLeavesNoNewSegment(Vertx vertx) throws IOException {
    StorageConfig config = config(dir, Fsync.ALWAYS, Compression.NONE, 4096);
    FileLogStore store = open(vertx, config);
    TopicLog log = store.getOrCreate(TOPIC);
    for (int i = 0; i < 10; i++) {
      await(log.append(messages(TOPIC, i, 1)));
    }
    int segments = log.segmentCount();
    List<Path> files = segmentFiles(topicDir());
    long activeSize = Files.size(files.get(files.size() - 1));

    faults.failWrites = true;
    assertThat(failure(log.append(messages(TOPIC, 10, 20)))).isInstanceOf(StorageException.class);
    assertThat(log.segmentCount()).isEqualTo(segments);
    assertThat(segmentFiles(topicDir())).isEqualTo(files);
    assertThat(Files.size(files.get(files.size() - 1))).isEqualTo(activeSize);

    faults.failWrites = false;
    for (int i = 10; i < 30; i++) {
      await(log.append(messages(TOPIC, i, 1)));
    }
    assertThat(log.segmentCount()).isGreaterThan(segments);
    await(store.close());
    FileLogStore reopened = open(vertx, config);
    assertThat(reopened.get(TOPIC).segmentCount()).isEqualTo(log.segmentCount());
    assertThat(readAll(reopened.get(TOPIC))).extracting(Record::offset).containsExactlyElementsOf(range(0, 30));
    await(reopened.close());
  }

  @Test
  void recordsBecomeReadableOnlyOnceTheirFsyncIsDone(Vertx vertx) {
    FileLogStore store = open(vertx, config(dir));
    TopicLog log = store.getOrCreate(TOPIC);
    await(log.append(messages(TOPIC, 0, 1)));
    CountDownLatch fsync = new CountDownLatch(1);
    faults.holdForce = fsync;
    long fsyncs = store.fsyncCount();
    Future<List<Record>> pending = log.append(messages(TOPIC, 1, 3));
    await().atMost(5, TimeUnit.SECONDS).until(() -> store.fsyncCount() > fsyncs);

    // Written, not yet durable: not complete, not readable.
    assertThat(pending.isComplete()).isFalse();
    assertThat(log.nextOffset()).isEqualTo(1);
    assertThat(log.read(1, 10, Long.MAX_VALUE)).isEmpty();
    assertThat(log.offsetForTimestamp(Long.MAX_VALUE)).isEqualTo(1);

    faults.holdForce = null;
    fsync.countDown();
    assertThat(await(pending)).extracting(Record::offset).containsExactly(1L, 2L, 3L);
    assertThat(log.nextOffset()).isEqualTo(4);
    assertThat(log.read(1, 10, Long.MAX_VALUE)).hasSize(3);
    await(store.close());
  }
}
