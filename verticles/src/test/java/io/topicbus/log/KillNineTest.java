package io.topicbus.log;

import io.topicbus.config.StorageConfig;
import io.topicbus.config.StorageConfig.Compression;
import io.topicbus.config.StorageConfig.Fsync;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.topicbus.log.Logs.TOPIC;
import static io.topicbus.log.Logs.await;
import static io.topicbus.log.Logs.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A child JVM appends with {@code fsync: always} and is killed with SIGKILL mid-stream: every offset it
 * was told was stored is there after recovery, with its content, and the log is dense and duplicate-free.
 */
@ExtendWith(VertxExtension.class)
class KillNineTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Compression.class)
  void everyAcknowledgedRecordSurvivesKillNine(Compression compression, Vertx vertx) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        AppendingChild.class.getName(), dir.toString(), compression.name())
        .redirectError(dir.resolve("child.err").toFile())
        .start();
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            acknowledged.add(Long.parseLong(line.substring(4)));
          }
        }
      } catch (java.io.IOException e) {
        // The pipe closes when the child dies.
      }
    });
    reader.start();
    try {
      await().atMost(60, TimeUnit.SECONDS).until(() -> acknowledged.size() >= 500 || !child.isAlive());
      assertThat(child.isAlive()).as("child still appending (see child.err)").isTrue();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      reader.join(TimeUnit.SECONDS.toMillis(20));
    }
    assertThat(child.exitValue()).isNotZero();

    StorageConfig config = Logs.config(dir, Fsync.ALWAYS, compression, 64 * 1024);
    FileLogStore store = new FileLogStore(vertx, config, 0, ChannelOpener.DEFAULT);
    await(store.open());
    TopicLog log = store.get(TOPIC);
    List<Record> records = readAll(log);
    long last = acknowledged.stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(log.nextOffset()).isGreaterThan(last);
    assertThat(log.segmentCount()).isGreaterThan(1);
    assertThat(records).hasSize((int) log.nextOffset());
    for (int i = 0; i < records.size(); i++) {
      Record record = records.get(i);
      assertThat(record.offset()).isEqualTo(i);
      assertThat(((JsonObject) record.payload()).getLong("n")).isEqualTo(i);
      assertThat(record.id()).isEqualTo("id-" + i);
      assertThat(FileLogStoreTest.json(record)).isEqualTo(Logs.message(TOPIC, i).encoded().toString());
    }
    assertThat(acknowledged).allSatisfy(offset -> assertThat(offset).isLessThan(records.size()));
    System.out.printf("kill -9 (%s): %d acknowledged, %d recovered%n", compression, acknowledged.size(), records.size());
    assertThat(await(log.append(Logs.messages(TOPIC, log.nextOffset(), 1))).get(0).offset()).isEqualTo(records.size());
    await(store.close());
  }
}
