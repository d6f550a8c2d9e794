package io.topicbus.broker;

import io.topicbus.bench.Bench;
import io.topicbus.client.TopicBusClient;
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
 * subscriptions. The headline figure publishes with {@code TopicBusClient.publish}, one call per
 * message; the same work with one raw event bus request per publish, and with explicit 100-message
 * batches, is printed beside it. Rounds alternate raw and TopicBus so both see the same machine noise;
 * medians.
 */
public final class CoreBench {

  private static final String RAW_ADDRESS = "bench.raw";
  private static final String DELIVERY_ADDRESS = "topicbus.client.bench";
  /** Messages in flight in either run. */
  private static final int WINDOW = 1000;

  private CoreBench() {
  }

  public static void main(String[] args) throws Exception {
    int messages = Integer.getInteger("bench.core.messages", 100_000);
    int rounds = Integer.getInteger("bench.rounds", 9);
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

      TopicBusClient client = TopicBusClient.create(vertx);
      double[] raw = new double[rounds];
      double[] viaClient = new double[rounds];
      double[] perRequest = new double[rounds];
      double[] batched = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        raw[r] = rawRound(vertx, messages);
        viaClient[r] = topicBusRound(vertx, messages, 1, client);
        perRequest[r] = topicBusRound(vertx, messages, 1, null);
        batched[r] = topicBusRound(vertx, messages, 100, null);
      }
      Bench.line("core.raw_eventbus_msg_s", Bench.median(raw), "msg/s");
      Bench.line("core.topicbus_msg_s", Bench.median(viaClient), "msg/s");
      Bench.line("core.ratio_vs_raw", Bench.pairedRatio(viaClient, raw), "x");
      Bench.line("core.request_per_publish_msg_s", Bench.median(perRequest), "msg/s");
      Bench.line("core.request_per_publish_ratio_vs_raw", Bench.pairedRatio(perRequest, raw), "x");
      Bench.line("core.batch100_msg_s", Bench.median(batched), "msg/s");
      Bench.line("core.batch100_ratio_vs_raw", Bench.pairedRatio(batched, raw), "x");
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
   * Publishes {@code messages} with a window of 1,000 messages in flight and counts deliveries: through
   * {@code client} (one {@code publish} call per message; the client pipelines and batches under load),
   * or, when it is null, with one event bus request per {@code perRequest} messages (1 = {@code publish},
   * more = {@code publishBatch}).
   */
  private static double topicBusRound(Vertx vertx, int messages, int perRequest, TopicBusClient client) {
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
        sendNext(vertx, sent, requests, perRequest, client);
      }
    });
    Bench.await(done.future());
    long elapsed = System.nanoTime() - start;
    Bench.await(consumer.unregister());
    return messages * 1e9 / elapsed;
  }

  private static void sendNext(Vertx vertx, AtomicInteger sent, int requests, int perRequest, TopicBusClient client) {
    int n = sent.getAndIncrement();
    if (n >= requests) {
      return;
    }
    Future<?> reply;
    if (client != null) {
      reply = client.publish("bench.eu.created", payload(n));
    } else if (perRequest == 1) {
      reply = vertx.eventBus().request("topicbus.publish",
          new JsonObject().put("topic", "bench.eu.created").put("payload", payload(n)));
    } else {
      JsonArray batch = new JsonArray();
      for (int i = 0; i < perRequest; i++) {
        batch.add(new JsonObject().put("topic", "bench.eu.created").put("payload", payload(n * perRequest + i)));
      }
      reply = vertx.eventBus().request("topicbus.publishBatch", new JsonObject().put("messages", batch));
    }
    reply.onComplete(ar -> sendNext(vertx, sent, requests, perRequest, client));
  }
}
