package io.topicbus.broker;

import io.topicbus.bench.Bench;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.topicbus.topic.SubscriptionIndexBench;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The core figures of SPEC section 8, in one run: raw event bus {@code send} to one consumer next to
 * TopicBus publish-to-delivery ({@code ack: none}, memory storage, one matching wildcard subscriber
 * among 10,000 non-matching wildcard subscriptions), and the trie's matching cost with 100k vs 1k
 * subscriptions. Rounds alternate raw and TopicBus so both see the same machine noise; medians.
 */
public final class CoreBench {

  private static final String RAW_ADDRESS = "bench.raw";
  private static final String DELIVERY_ADDRESS = "topicbus.client.bench";
  /** Messages in flight in either run. */
  private static final int WINDOW = 1000;

  private CoreBench() {
  }

  public static void main(String[] args) throws Exception {
    int messages = Integer.getInteger("bench.core.messages", 200_000);
    int rounds = Integer.getInteger("bench.rounds", 5);
    int others = Integer.getInteger("bench.core.otherSubscriptions", 10_000);
    ExactNumbers.install();
    Vertx vertx = Vertx.vertx();
    try {
      TopicBusConfig config = TopicBusConfig.defaults().with(new JsonObject()
          .put("storage.mode", "memory").put("limits.maxSubscriptions", others + 10));
      Bench.await(vertx.deployVerticle(new BrokerVerticle(), new DeploymentOptions().setConfig(config.toJson())));
      List<Future<?>> subscribes = new ArrayList<>();
      for (int i = 0; i < others; i++) {
        subscribes.add(vertx.eventBus().request("topicbus.subscribe", new JsonObject()
            .put("pattern", "bench.other" + i + ".*").put("address", "topicbus.client.none" + i).put("ack", "none")));
        if (subscribes.size() == 500) {
          Bench.await(Future.all(subscribes));
          subscribes.clear();
        }
      }
      Bench.await(Future.all(subscribes));
      Bench.await(vertx.eventBus().request("topicbus.subscribe", new JsonObject()
          .put("pattern", "bench.*.created").put("address", DELIVERY_ADDRESS).put("ack", "none")));

      double[] raw = new double[rounds];
      double[] single = new double[rounds];
      double[] batched = new double[rounds];
      long offset = 0;
      for (int r = 0; r < rounds; r++) {
        raw[r] = rawRound(vertx, messages);
        single[r] = topicBusRound(vertx, messages, 1);
        batched[r] = topicBusRound(vertx, messages, 100);
        offset += 2L * messages;
      }
      double rawMedian = Bench.median(raw);
      double singleMedian = Bench.median(single);
      double batchedMedian = Bench.median(batched);
      Bench.line("core.raw_eventbus_msg_s", rawMedian, "msg/s");
      Bench.line("core.topicbus_msg_s", singleMedian, "msg/s");
      Bench.line("core.ratio_vs_raw", singleMedian / rawMedian, "x");
      Bench.line("core.topicbus_batched_msg_s", batchedMedian, "msg/s");
      Bench.line("core.batched_ratio_vs_raw", batchedMedian / rawMedian, "x");
    } finally {
      Bench.await(vertx.close());
    }

    double match1k = SubscriptionIndexBench.matchNanosPerPublish(1_000, 200_000);
    double match100k = SubscriptionIndexBench.matchNanosPerPublish(100_000, 200_000);
    Bench.line("core.match_ns_1k", match1k, "ns");
    Bench.line("core.match_ns_100k", match100k, "ns");
    Bench.line("core.match_cost_ratio_100k_1k", match100k / match1k, "x");
  }

  /**
   * Messages per second from the first send until the consumer has seen them all. The sender keeps at
   * most {@link #WINDOW} messages unconsumed (the consumer hands back credit every half window), the
   * same bound the TopicBus run has on publishes in flight, so neither run measures a growing backlog.
   */
  private static double rawRound(Vertx vertx, int messages) {
    Promise<Void> done = Promise.promise();
    AtomicInteger seen = new AtomicInteger();
    ContextInternal sender = Bench.eventLoopContext(vertx);
    ContextInternal receiver = Bench.eventLoopContext(vertx, sender);
    AtomicInteger sent = new AtomicInteger();
    MessageConsumer<JsonObject> consumer = Bench.onContext(receiver, () -> vertx.eventBus().consumer(RAW_ADDRESS, m -> {
      int n = seen.incrementAndGet();
      if (n == messages) {
        done.complete();
      } else if (n % (WINDOW / 2) == 0) {
        sender.runOnContext(v -> sendRaw(vertx, sent, messages, WINDOW / 2));
      }
    }));
    Bench.await(consumer.completion());
    long start = System.nanoTime();
    sender.runOnContext(v -> sendRaw(vertx, sent, messages, WINDOW));
    Bench.await(done.future());
    long elapsed = System.nanoTime() - start;
    Bench.await(consumer.unregister());
    return messages * 1e9 / elapsed;
  }

  private static void sendRaw(Vertx vertx, AtomicInteger sent, int messages, int credit) {
    EventBus eventBus = vertx.eventBus();
    for (int i = 0; i < credit; i++) {
      int n = sent.getAndIncrement();
      if (n >= messages) {
        return;
      }
      eventBus.send(RAW_ADDRESS, deliveryLike(n));
    }
  }

  /** The same shape of body TopicBus delivers, so the raw run copies as much JSON per message. */
  private static JsonObject deliveryLike(int i) {
    return new JsonObject().put("subscriptionId", "sBench").put("topic", "bench.eu.created").put("offset", (long) i)
        .put("timestamp", System.currentTimeMillis()).putNull("key").put("headers", new JsonObject())
        .put("payload", payload(i)).putNull("id").put("attempt", 1);
  }

  private static JsonObject payload(int i) {
    return new JsonObject().put("n", i).put("sku", "sku-" + (i % 100)).put("total", 12.5);
  }

  /**
   * Publishes {@code messages} with a window of outstanding requests (1,000 messages in flight),
   * {@code perRequest} messages per request (1 = publish, more = publishBatch), and counts deliveries.
   */
  private static double topicBusRound(Vertx vertx, int messages, int perRequest) {
    Promise<Void> done = Promise.promise();
    AtomicInteger seen = new AtomicInteger();
    ContextInternal publisher = Bench.eventLoopContext(vertx);
    ContextInternal receiver = Bench.eventLoopContext(vertx, publisher);
    MessageConsumer<JsonObject> consumer = Bench.onContext(receiver, () -> vertx.eventBus().consumer(DELIVERY_ADDRESS, m -> {
      if (seen.incrementAndGet() == messages) {
        done.complete();
      }
    }));
    Bench.await(consumer.completion());
    int window = Math.max(1, WINDOW / perRequest);
    int requests = messages / perRequest;
    AtomicInteger sent = new AtomicInteger();
    long start = System.nanoTime();
    publisher.runOnContext(v -> {
      for (int w = 0; w < window; w++) {
        sendNext(vertx, sent, requests, perRequest);
      }
    });
    Bench.await(done.future());
    long elapsed = System.nanoTime() - start;
    Bench.await(consumer.unregister());
    return messages * 1e9 / elapsed;
  }

  private static void sendNext(Vertx vertx, AtomicInteger sent, int requests, int perRequest) {
    int n = sent.getAndIncrement();
    if (n >= requests) {
      return;
    }
    Future<?> reply;
    if (perRequest == 1) {
      reply = vertx.eventBus().request("topicbus.publish",
          new JsonObject().put("topic", "bench.eu.created").put("payload", payload(n)));
    } else {
      JsonArray batch = new JsonArray();
      for (int i = 0; i < perRequest; i++) {
        batch.add(new JsonObject().put("topic", "bench.eu.created").put("payload", payload(n * perRequest + i)));
      }
      reply = vertx.eventBus().request("topicbus.publishBatch", new JsonObject().put("messages", batch));
    }
    reply.onComplete(ar -> sendNext(vertx, sent, requests, perRequest));
  }
}
