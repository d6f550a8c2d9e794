package io.topicbus.broker;

import io.topicbus.testing.Await;
import io.topicbus.client.Delivery;
import io.topicbus.client.PublishOptions;
import io.topicbus.client.PublishResult;
import io.topicbus.client.SubscribeOptions;
import io.topicbus.client.TopicBusClient;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker on the file log: what it acknowledged survives a restart and a kill -9. */
@ExtendWith(VertxExtension.class)
class DurabilityTest {

  @TempDir
  Path dir;

  private String deploy(Vertx vertx) {
    ExactNumbers.install();
    JsonObject config = TopicBusConfig.defaults().with(Brokers.fastConfig()).with(new JsonObject()
        .put("storage.mode", "file").put("storage.dir", dir.toString())).toJson();
    return Await.result(vertx.deployVerticle(new BrokerVerticle(), new DeploymentOptions().setConfig(config)));
  }

  @Test
  void aRestartKeepsMessagesGroupPositionsAndDedupIds(Vertx vertx) {
    String broker = deploy(vertx);
    TopicBusClient client = TopicBusClient.create(vertx);
    List<Long> firstRun = new CopyOnWriteArrayList<>();
    var member = Await.result(client.subscribe("keep.#", new SubscribeOptions().setGroup("auditors").fromEarliest(),
        (Delivery d) -> firstRun.add(d.offset())));
    for (int i = 0; i < 100; i++) {
      Await.result(client.publish("keep.orders", new JsonObject().put("n", i).put("price", new java.math.BigDecimal("19.99")),
          new PublishOptions().setId("order-" + i).setKey("k" + (i % 7))));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> firstRun.size() == 100);
    Await.result(member.unsubscribe());
    Await.result(vertx.undeploy(broker));

    deploy(vertx);
    JsonObject read = Await.result(client.read("keep.orders", "earliest", 1000));
    JsonArray messages = read.getJsonArray("messages");
    assertThat(messages).hasSize(100);
    for (int i = 0; i < 100; i++) {
      JsonObject m = messages.getJsonObject(i);
      assertThat(m.getLong("offset")).isEqualTo(i);
      assertThat(m.getString("key")).isEqualTo("k" + (i % 7));
      assertThat(m.getString("id")).isEqualTo("order-" + i);
      assertThat(m.getJsonObject("payload").encode()).isEqualTo("{\"n\":" + i + ",\"price\":19.99}");
    }
    PublishResult retried = Await.result(client.publish("keep.orders", "retry after restart",
        new PublishOptions().setId("order-42")));
    assertThat(retried.duplicate()).isTrue();
    assertThat(retried.offset()).isEqualTo(42);

    // The group resumes where it committed: only what came after.
    List<Long> secondRun = new CopyOnWriteArrayList<>();
    Await.result(client.subscribe("keep.#", new SubscribeOptions().setGroup("auditors").fromEarliest(),
        (Delivery d) -> secondRun.add(d.offset())));
    Await.result(client.publish("keep.orders", "new"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !secondRun.isEmpty());
    assertThat(secondRun).containsExactly(100L);
  }

  @Test
  void everyAcknowledgedPublishSurvivesKillNineAndNoBatchIsHalfStored(Vertx vertx) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        PublishingChild.class.getName(), dir.toString())
        .redirectError(dir.resolve("child.err").toFile())
        .start();
    Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();
    Map<String, String> markerOf = new ConcurrentHashMap<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          String[] parts = line.split(" ");
          if (parts.length == 4 && parts[0].equals("ACK")) {
            acknowledged.computeIfAbsent(parts[1], t -> ConcurrentHashMap.newKeySet()).add(Long.parseLong(parts[2]));
            markerOf.put(parts[1] + "@" + parts[2], parts[3]);
          }
        }
      } catch (java.io.IOException e) {
        // The pipe closes when the child dies.
      }
    });
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(90)).until(() ->
          acknowledged.getOrDefault("crash.single", Set.of()).size() >= 300
              && acknowledged.getOrDefault("crash.batch", Set.of()).size() >= 300 || !child.isAlive());
      assertThat(child.isAlive()).as("child still publishing (see child.err)").isTrue();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      reader.join(TimeUnit.SECONDS.toMillis(20));
    }

    deploy(vertx);
    TopicBusClient client = TopicBusClient.create(vertx);
    for (String topic : List.of("crash.single", "crash.batch")) {
      List<JsonObject> all = readAll(client, topic);
      for (int i = 0; i < all.size(); i++) {
        assertThat(all.get(i).getLong("offset")).as("offsets are dense").isEqualTo(i);
      }
      for (long offset : acknowledged.get(topic)) {
        assertThat(offset).as("acknowledged offset %d of %s is still there", offset, topic).isLessThan(all.size());
        JsonObject payload = all.get((int) offset).getJsonObject("payload");
        String marker = topic.equals("crash.single") ? payload.getString("marker") : payload.getString("batch");
        assertThat(marker).isEqualTo(markerOf.get(topic + "@" + offset));
      }
      if (topic.equals("crash.single")) {
        Set<String> markers = new HashSet<>();
        all.forEach(m -> assertThat(markers.add(m.getJsonObject("payload").getString("marker"))).isTrue());
        assertThat(all.get(0).getJsonObject("payload").getValue("price")).hasToString("19.99");
      } else {
        Map<String, Integer> perBatch = new HashMap<>();
        all.forEach(m -> perBatch.merge(m.getJsonObject("payload").getString("batch"), 1, Integer::sum));
        assertThat(perBatch.values()).as("a batch is stored whole or not at all").containsOnly(10);
      }
    }
    System.out.printf("broker kill -9: %d single and %d batch messages acknowledged%n",
        acknowledged.get("crash.single").size(), acknowledged.get("crash.batch").size());
  }

  @Test
  void aReadThatReachesACorruptRecordFailsWith500NamingTopicAndOffset(Vertx vertx) throws Exception {
    String broker = deploy(vertx);
    TopicBusClient client = TopicBusClient.create(vertx);
    for (int i = 0; i < 3; i++) {
      Await.result(client.publish("fragile", new JsonObject().put("n", i).put("text", "some bytes to damage")));
    }
    Await.result(vertx.undeploy(broker));
    Path segment;
    try (var files = java.nio.file.Files.walk(dir)) {
      segment = files.filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
    }
    byte[] bytes = java.nio.file.Files.readAllBytes(segment);
    int second = java.nio.ByteBuffer.wrap(bytes, 8, 4).getInt(); // the first batch's length: where the second starts
    bytes[second + 40] ^= 0x5A; // inside the second batch's records: its CRC32C no longer matches
    java.nio.file.Files.write(segment, bytes);

    deploy(vertx);
    JsonObject first = Await.result(client.read("fragile", "earliest", 10));
    assertThat(first.getJsonArray("messages")).hasSize(1);
    Throwable corrupt = Await.failure(client.read("fragile", new JsonObject().put("offset", 1), 10));
    assertThat(((io.vertx.core.eventbus.ReplyException) corrupt).failureCode()).isEqualTo(500);
    assertThat(corrupt.getMessage()).contains("fragile").contains("offset 1");
    JsonObject topic = Await.result(client.topics()).getJsonArray("topics").getJsonObject(0);
    assertThat(topic.getBoolean("corrupt")).isTrue();

    // A subscriber reading through it gets everything but the corrupt record, which is counted as skipped.
    List<Long> delivered = new CopyOnWriteArrayList<>();
    Await.result(client.subscribe("fragile", new SubscribeOptions().fromEarliest(), (Delivery d) -> delivered.add(d.offset())));
    await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 2);
    assertThat(delivered).containsExactly(0L, 2L);
    assertThat(Await.result(client.subscriptions()).getJsonArray("subscriptions").getJsonObject(0).getLong("skipped"))
        .isEqualTo(1);
  }

  private static List<JsonObject> readAll(TopicBusClient client, String topic) {
    List<JsonObject> all = new ArrayList<>();
    long from = 0;
    while (true) {
      JsonObject page = Await.result(client.read(topic, new JsonObject().put("offset", from), 1000));
      JsonArray messages = page.getJsonArray("messages");
      if (messages.isEmpty()) {
        return all;
      }
      messages.forEach(m -> all.add((JsonObject) m));
      from = page.getLong("next");
    }
  }
}
