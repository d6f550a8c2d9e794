package io.topicbus.web;

import io.topicbus.broker.BrokerVerticle;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Bridge fan-out benchmark (issue 5): {@code bench.clients} (500) raw SockJS WebSocket clients each
 * subscribe one topic through {@code topicbus.subscribe} with their own inbox and ack every delivery;
 * one more client publishes {@code bench.rate} (100) msg/s for {@code bench.durationS} (30) s through
 * the bridge. Reported: delivered and lost messages (every client must get every message) and
 * p50/p99 publish-to-delivery latency; then the same clients on Vert.x's stock SockJS bridge, all
 * registered on one address that the publisher {@code publish}es to, as the baseline (no log, no
 * acks, no per-socket rules). Everything runs on loopback in one JVM, so latencies use one clock.
 *
 * <p>Properties: {@code bench.clients}, {@code bench.rate}, {@code bench.durationS}, {@code bench.maxInFlight},
 * {@code bench.ack}. Run: {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &&
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) -Dbench.durationS=30 io.topicbus.web.BridgeBench}
 */
public final class BridgeBench {

  private static final String TOPIC = "bench.fanout";
  private static final String RAW_ADDRESS = "bench.raw";
  /** Latency histogram: 0.1 ms buckets up to 60 s. */
  private static final int BUCKETS = 600_000;

  /** The SPEC default (1: each delivery waits for the previous ack); higher values pipeline acks. */
  private static final int MAX_IN_FLIGHT = Integer.getInteger("bench.maxInFlight", 1);
  /** {@code auto} (acked, the SPEC default) or {@code none}, which isolates the cost of the ack path. */
  private static final String ACK = System.getProperty("bench.ack", "auto");

  private final int clients = Integer.getInteger("bench.clients", 500);
  private final int rate = Integer.getInteger("bench.rate", 100);
  private final int durationS = Integer.getInteger("bench.durationS", 30);

  public static void main(String[] args) throws Exception {
    new BridgeBench().run();
    System.exit(0);
  }

  private void run() throws Exception {
    ExactNumbers.install();
    Vertx server = Vertx.vertx();
    Vertx load = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      JsonObject config = TopicBusConfig.defaults().with(new JsonObject()
          .put("storage.mode", "memory").put("http.host", "127.0.0.1").put("http.port", 0)
          .put("bridge.maxSubscriptionsPerSocket", 10)).toJson();
      await(server.deployVerticle(new BrokerVerticle(), new DeploymentOptions().setConfig(config)));
      HttpVerticle http = new HttpVerticle();
      await(server.deployVerticle(http, new DeploymentOptions().setConfig(config)));
      Run topicbus = measure(load, http.actualPort(), true);

      HttpServer stock = await(server.createHttpServer().requestHandler(stockBridge(server)).listen(0, "127.0.0.1"));
      Run raw = measure(load, stock.actualPort(), false);

      System.out.printf(Locale.ROOT, "BENCH bridge.delivered %d msgs%n", topicbus.delivered);
      System.out.printf(Locale.ROOT, "BENCH bridge.lost %d msgs%n", topicbus.lost);
      System.out.printf(Locale.ROOT, "BENCH bridge.p50_ms %.2f ms%n", topicbus.p50);
      System.out.printf(Locale.ROOT, "BENCH bridge.p99_ms %.2f ms%n", topicbus.p99);
      System.out.printf(Locale.ROOT, "BENCH bridge.drain_ms %d ms%n", topicbus.drainMs);
      System.out.printf(Locale.ROOT, "BENCH bridge.raw_delivered %d msgs%n", raw.delivered);
      System.out.printf(Locale.ROOT, "BENCH bridge.raw_lost %d msgs%n", raw.lost);
      System.out.printf(Locale.ROOT, "BENCH bridge.raw_p50_ms %.2f ms%n", raw.p50);
      System.out.printf(Locale.ROOT, "BENCH bridge.raw_p99_ms %.2f ms%n", raw.p99);
      System.out.printf(Locale.ROOT, "BENCH bridge.ratio_vs_raw %.2f x%n", raw.p99 > 0 ? topicbus.p99 / raw.p99 : Double.NaN);
    } finally {
      load.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Router stockBridge(Vertx vertx) {
    Router router = Router.router(vertx);
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addInboundPermitted(new PermittedOptions().setAddress(RAW_ADDRESS))
        .addOutboundPermitted(new PermittedOptions().setAddress(RAW_ADDRESS));
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(options));
    return router;
  }

  /** {@code drainMs}: how long after the last publish the last delivery arrived (backlog, when positive). */
  private record Run(long delivered, long lost, double p50, double p99, long drainMs) {
  }

  /** One fan-out run; {@code topicbus} chooses between TopicBus subscriptions and a stock-bridge address. */
  private Run measure(Vertx load, int port, boolean topicbus) throws Exception {
    WebSocketClient wsClient = load.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(clients + 10).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
    AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
    AtomicLong received = new AtomicLong();
    List<Receiver> receivers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      receivers.add(new Receiver(histogram, received));
    }
    // Connect in batches so the handshakes do not all queue at once on two cores.
    for (int from = 0; from < clients; from += 50) {
      List<Future<Void>> ready = new ArrayList<>();
      for (Receiver r : receivers.subList(from, Math.min(clients, from + 50))) {
        ready.add(r.start(wsClient, port, topicbus));
      }
      await(Future.all(ready));
    }
    if (!topicbus) {
      Thread.sleep(1_000);
    }
    WebSocket publisher = await(wsClient.connect(options(port)));
    long pinger = load.setPeriodic(5_000, t -> {
      receivers.forEach(Receiver::ping);
      publisher.writeTextMessage("{\"type\":\"ping\"}");
    });

    int total = rate * durationS;
    AtomicLong sent = new AtomicLong();
    long periodNs = 1_000_000_000L / rate;
    long start = System.nanoTime();
    // One tick per millisecond sends whatever the schedule is behind on, so the rate holds without drift.
    long ticker = load.setPeriodic(1, t -> {
      long due = Math.min(total, (System.nanoTime() - start) / periodNs + 1);
      while (sent.get() < due) {
        long seq = sent.getAndIncrement();
        JsonObject payload = new JsonObject().put("seq", seq).put("sentNs", System.nanoTime());
        JsonObject frame = topicbus
            ? new JsonObject().put("type", "send").put("address", "topicbus.publish")
                .put("body", new JsonObject().put("topic", TOPIC).put("payload", payload))
            : new JsonObject().put("type", "publish").put("address", RAW_ADDRESS).put("body", payload);
        publisher.writeTextMessage(frame.encode());
      }
    });
    while (sent.get() < total) {
      Thread.sleep(100);
    }
    load.cancelTimer(ticker);
    long expected = (long) total * clients;
    // Lost means never arrives: wait while deliveries still make progress (a backlog drains), stop after 10 s without any.
    long lastCount = -1;
    long lastProgress = System.currentTimeMillis();
    while (received.get() < expected && System.currentTimeMillis() - lastProgress < 10_000) {
      Thread.sleep(200);
      long now = received.get();
      if (now != lastCount) {
        lastCount = now;
        lastProgress = System.currentTimeMillis();
      }
    }
    long drainedAfterMs = System.nanoTime() / 1_000_000 - (start / 1_000_000 + durationS * 1000L);
    load.cancelTimer(pinger);
    long unique = receivers.stream().mapToLong(r -> r.unique()).sum();
    await(publisher.close());
    await(Future.join(receivers.stream().map(Receiver::close).toList()));
    await(wsClient.close());
    Thread.sleep(1_000);
    return new Run(unique, expected - unique, percentile(histogram, 0.50), percentile(histogram, 0.99), drainedAfterMs);
  }

  private static WebSocketConnectOptions options(int port) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/eventbus/websocket");
  }

  private static double percentile(AtomicLongArray histogram, double q) {
    long count = 0;
    for (int i = 0; i < BUCKETS; i++) {
      count += histogram.get(i);
    }
    long rank = (long) Math.ceil(q * count);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += histogram.get(i);
      if (seen >= rank && count > 0) {
        return (i + 1) / 10.0;
      }
    }
    return Double.NaN;
  }

  /** One subscriber socket: acks each delivery, records its latency and which sequence numbers arrived. */
  private static final class Receiver {
    private final AtomicLongArray histogram;
    private final AtomicLong received;
    private final BitSet seqs = new BitSet();
    private WebSocket socket;

    Receiver(AtomicLongArray histogram, AtomicLong received) {
      this.histogram = histogram;
      this.received = received;
    }

    Future<Void> start(WebSocketClient client, int port, boolean topicbus) {
      String inbox = topicbus ? "topicbus.client." + UUID.randomUUID() : RAW_ADDRESS;
      String replyAddress = UUID.randomUUID().toString();
      io.vertx.core.Promise<Void> subscribed = io.vertx.core.Promise.promise();
      return client.connect(options(port)).compose(ws -> {
        socket = ws;
        ws.textMessageHandler(text -> onFrame(new JsonObject(text), inbox, replyAddress, subscribed));
        ws.binaryMessageHandler(data -> onFrame(new JsonObject(data.toString()), inbox, replyAddress, subscribed));
        ws.writeTextMessage(new JsonObject().put("type", "register").put("address", inbox).encode());
        if (topicbus) {
          ws.writeTextMessage(new JsonObject().put("type", "send").put("address", "topicbus.subscribe")
              .put("replyAddress", replyAddress)
              .put("body", new JsonObject().put("pattern", TOPIC).put("address", inbox).put("maxInFlight", MAX_IN_FLIGHT).put("ack", ACK)).encode());
        } else {
          // The stock bridge gives no answer to a register; measure() waits a moment before publishing.
          subscribed.tryComplete();
        }
        return subscribed.future();
      });
    }

    private void onFrame(JsonObject frame, String inbox, String replyAddress, io.vertx.core.Promise<Void> subscribed) {
      String address = frame.getString("address");
      if (replyAddress.equals(address)) {
        if ("err".equals(frame.getString("type"))) {
          subscribed.tryFail(frame.getString("message"));
        } else {
          subscribed.tryComplete();
        }
        return;
      }
      if (!inbox.equals(address)) {
        return;
      }
      JsonObject body = frame.getJsonObject("body");
      JsonObject payload = body.containsKey("payload") ? body.getJsonObject("payload") : body;
      long latencyNs = System.nanoTime() - payload.getLong("sentNs");
      histogram.incrementAndGet((int) Math.min(BUCKETS - 1, Math.max(0, latencyNs / 100_000)));
      received.incrementAndGet();
      seqs.set(payload.getInteger("seq"));
      String ack = frame.getString("replyAddress");
      if (ack != null) {
        socket.writeTextMessage("{\"type\":\"send\",\"address\":\"" + ack + "\",\"body\":{}}");
      }
    }

    long unique() {
      return seqs.cardinality();
    }

    void ping() {
      socket.writeTextMessage("{\"type\":\"ping\"}");
    }

    Future<Void> close() {
      return socket.close();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
