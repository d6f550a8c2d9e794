package io.topicbus;

import io.topicbus.testing.Await;
import io.topicbus.client.ClientOptions;
import io.topicbus.client.Delivery;
import io.topicbus.client.SubscribeOptions;
import io.topicbus.client.TopicBusClient;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC section 9 with two real JVMs: a child runs {@code Main -cluster} as the broker; this JVM joins
 * the cluster, deploys TopicBus with {@code cluster.role: auto} (it must become a client node: the
 * broker holds the lock), and uses the broker from here, over the event bus and over this node's
 * HTTP. When the broker is killed, requests fail with 503 within 5 s instead of hanging.
 */
class ClusterTest {

  @TempDir
  Path dir;

  private Process broker;
  private Vertx vertx;

  @AfterEach
  void stop() throws Exception {
    if (broker != null) {
      broker.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      Await.result(vertx.close());
    }
  }

  @Test
  void aClientNodeUsesTheBrokerOnAnotherJvmAndFailsFastWhenItDies() throws Exception {
    Path log = dir.resolve("broker.log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    broker = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "-Dtopicbus.cluster.role=broker", "-Dtopicbus.storage.dir=" + dir.resolve("data"),
        "-Dtopicbus.http.host=127.0.0.1", "-Dtopicbus.http.port=0", "-Dtopicbus.inventory.instances=2",
        Main.class.getName(), "-cluster")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    await().atMost(Duration.ofSeconds(90)).until(() -> !broker.isAlive()
        || Files.readString(log).contains("TopicBus broker listening"));
    assertThat(broker.isAlive()).as("broker started (see %s)", log).isTrue();

    ExactNumbers.install();
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1");
    vertx = Await.result(Vertx.builder().with(options)
        .withClusterManager(new HazelcastClusterManager(ClusterConfigFile.load("conf/cluster.xml"))).buildClustered());
    TopicBusClient client = TopicBusClient.create(vertx, new ClientOptions().setBreakerFailures(1000));
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> Await.result(client.topics()) != null);

    // This node is not the broker: TopicBus here serves HTTP only and forwards over the clustered bus.
    TopicBusVerticle node = new TopicBusVerticle();
    JsonObject config = TopicBusConfig.defaults().with(new JsonObject().put("cluster.enabled", true)
        .put("http.host", "127.0.0.1").put("http.port", 0).put("storage.dir", dir.resolve("unused").toString())).toJson();
    Await.result(vertx.deployVerticle(node, new DeploymentOptions().setConfig(config)));
    assertThat(Files.exists(dir.resolve("unused"))).as("a client node keeps no data").isFalse();

    // Deliveries cross the JVMs: the subscriber is here, the broker there.
    List<Long> delivered = new CopyOnWriteArrayList<>();
    Await.result(client.subscribe("cluster.#", new SubscribeOptions(), (Delivery d) -> delivered.add(d.offset())));
    assertThat(Await.result(client.publish("cluster.events", new JsonObject().put("price", new java.math.BigDecimal("19.99"))))
        .offset()).isZero();
    WebClient http = WebClient.create(vertx);
    HttpResponse<Buffer> posted = Await.result(http.post(node.httpPort(), "127.0.0.1", "/api/topics/cluster.events/messages")
        .sendJsonObject(new JsonObject().put("payload", "through the client node's HTTP")));
    assertThat(posted.statusCode()).isEqualTo(201);
    assertThat(posted.bodyAsJsonObject().getLong("offset")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 2);
    JsonObject read = Await.result(client.read("cluster.events", "earliest", 10));
    assertThat(read.getJsonArray("messages").getJsonObject(0).getJsonObject("payload").encode())
        .isEqualTo("{\"price\":19.99}");

    // Stock is exact across nodes: 300 concurrent removes from this node against 100 in stock.
    Await.result(vertx.eventBus().request("inventory.add", new JsonObject().put("sku", "gadget").put("qty", 100)));
    List<Future<?>> removes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      removes.add(vertx.eventBus().request("inventory.remove", new JsonObject().put("sku", "gadget").put("qty", 1)));
    }
    Await.result(Future.join(removes).otherwiseEmpty());
    long succeeded = removes.stream().filter(Future::succeeded).count();
    assertThat(succeeded).isEqualTo(100);
    assertThat(removes.stream().filter(Future::failed)
        .allMatch(f -> ((ReplyException) f.cause()).failureCode() == 409)).isTrue();
    JsonObject stock = (JsonObject) Await.result(vertx.eventBus().request("inventory.check", new JsonObject().put("sku", "gadget"))).body();
    assertThat(stock.getLong("available")).isZero();

    // The broker dies: every request fails with 503 within 5 s.
    broker.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      ReplyException unreachable = (ReplyException) Await.failure(client.publish("cluster.events", "lost?"));
      assertThat(unreachable.failureCode()).isEqualTo(503);
      HttpResponse<Buffer> refused = Await.result(http.get(node.httpPort(), "127.0.0.1", "/api/topics").send());
      assertThat(refused.statusCode()).isEqualTo(503);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.printf("broker gone: client 503 and HTTP 503 after %d ms%n", took);
      assertThat(took).as("both requests answered within 5 s").isLessThan(5_000);
    }
  }
}
