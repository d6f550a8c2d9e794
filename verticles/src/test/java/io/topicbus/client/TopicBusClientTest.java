package io.topicbus.client;

import io.topicbus.testing.Await;
import io.topicbus.broker.BrokerVerticle;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Java client: batching like a Kafka producer, and failing fast while the broker is unreachable. */
@ExtendWith(VertxExtension.class)
class TopicBusClientTest {

  private static void deployBroker(Vertx vertx) throws Exception {
    ExactNumbers.install();
    JsonObject config = TopicBusConfig.defaults().with(new JsonObject().put("storage.mode", "memory")).toJson();
    Await.result(vertx.deployVerticle(new BrokerVerticle(), new DeploymentOptions().setConfig(config)));
  }

  @Test
  void batchedPublishesTravelTogetherAndKeepTheirOrder(Vertx vertx) throws Exception {
    deployBroker(vertx);
    AtomicInteger batchRequests = new AtomicInteger();
    vertx.eventBus().addOutboundInterceptor(ctx -> {
      if (ctx.message().address().equals("topicbus.publishBatch")) {
        batchRequests.incrementAndGet();
      }
      ctx.next();
    });
    TopicBusClient client = TopicBusClient.create(vertx, new ClientOptions().setBatchSize(100).setLingerMs(20));
    List<Future<PublishResult>> results = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      results.add(client.publish("batched", i));
    }
    Await.result(Future.all(results));
    for (int i = 0; i < 1000; i++) {
      assertThat(results.get(i).result().offset()).isEqualTo(i);
    }
    assertThat(batchRequests.get()).isBetween(10, 20);
  }

  @Test
  void byDefaultAnIdlePublishGoesAloneAndABurstIsPipelinedIntoBatchesInOrder(Vertx vertx) throws Exception {
    deployBroker(vertx);
    AtomicInteger singles = new AtomicInteger();
    AtomicInteger batches = new AtomicInteger();
    vertx.eventBus().addOutboundInterceptor(ctx -> {
      String address = ctx.message().address();
      if (address.equals("topicbus.publish")) {
        singles.incrementAndGet();
      } else if (address.equals("topicbus.publishBatch")) {
        batches.incrementAndGet();
      }
      ctx.next();
    });
    TopicBusClient client = TopicBusClient.create(vertx);
    assertThat(Await.result(client.publish("burst", "alone")).offset()).isZero();
    assertThat(singles.get()).isEqualTo(1);
    assertThat(batches.get()).isZero();
    List<Future<PublishResult>> results = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      results.add(client.publish("burst", i));
    }
    Await.result(Future.all(results));
    for (int i = 0; i < 1000; i++) {
      assertThat(results.get(i).result().offset()).isEqualTo(i + 1);
    }
    assertThat(singles.get() + batches.get()).as("requests for 1001 publishes").isLessThan(100);
  }

  @Test
  void aBadMessageInABatchFailsAloneWithItsCode(Vertx vertx) throws Exception {
    deployBroker(vertx);
    TopicBusClient client = TopicBusClient.create(vertx, new ClientOptions().setBatchSize(10).setLingerMs(50));
    Future<PublishResult> good = client.publish("fine", 1);
    Future<PublishResult> bad = client.publish("not a topic", 2);
    Future<PublishResult> system = client.publish("also.fine", 3);
    client.flush();
    assertThat(Await.result(good).offset()).isZero();
    assertThat(((ReplyException) Await.failure(bad)).failureCode()).isEqualTo(400);
    assertThat(Await.result(system).offset()).isZero();
  }

  @Test
  void failsFastWith503WhileTheBrokerIsUnreachableAndRecoversByItself(Vertx vertx) throws Exception {
    TopicBusClient client = TopicBusClient.create(vertx, new ClientOptions().setBreakerFailures(3)
        .setBreakerResetMs(300).setRequestTimeoutMs(1000));
    for (int i = 0; i < 3; i++) {
      ReplyException unreachable = (ReplyException) Await.failure(client.publish("t", i));
      assertThat(unreachable.failureCode()).isEqualTo(503);
      assertThat(unreachable.getMessage()).contains("broker unreachable (no handler)");
    }
    long start = System.nanoTime();
    ReplyException fast = (ReplyException) Await.failure(client.topics());
    assertThat(fast.failureCode()).isEqualTo(503);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(200);

    deployBroker(vertx);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      try {
        return Await.result(client.publish("t", "back")).topic().equals("t");
      } catch (RuntimeException e) {
        return false;
      }
    });
  }

  @Test
  void applicationErrorsDoNotOpenTheBreaker(Vertx vertx) throws Exception {
    deployBroker(vertx);
    TopicBusClient client = TopicBusClient.create(vertx, new ClientOptions().setBreakerFailures(2));
    for (int i = 0; i < 5; i++) {
      assertThat(((ReplyException) Await.failure(client.publish("bad..topic", i))).failureCode()).isEqualTo(400);
    }
    assertThat(Await.result(client.publish("good", 1)).offset()).isZero();
  }

  @Test
  void requestsBeyondThePendingBoundAreRefusedAtOnce(Vertx vertx) throws Exception {
    vertx.eventBus().consumer("topicbus.publish", m -> { /* a broker that never answers */ });
    TopicBusClient client = TopicBusClient.create(vertx, new ClientOptions().setMaxPendingRequests(2)
        .setRequestTimeoutMs(60_000));
    client.publish("a", 1);
    client.publish("a", 2);
    ReplyException refused = (ReplyException) Await.failure(client.publish("a", 3));
    assertThat(refused.failureCode()).isEqualTo(429);
  }
}
