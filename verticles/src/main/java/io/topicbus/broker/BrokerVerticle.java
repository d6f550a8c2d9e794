package io.topicbus.broker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.topicbus.api.Failure;
import io.topicbus.api.Fields;
import io.topicbus.api.Replies;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.log.Draft;
import io.topicbus.log.LogStore;
import io.topicbus.topic.TopicName;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The TopicBus API on the event bus (SPEC section 3): one consumer per address, each validating its
 * request and handing it to the {@link Broker}. Every request gets an answer: a reply, or a failure
 * with its SPEC code; nothing thrown escapes a handler. Deployed once (the broker is the single
 * owner of logs and subscriptions), on an event loop; file I/O happens in the log's own threads.
 */
public final class BrokerVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(BrokerVerticle.class);
  private static final long RETENTION_CHECK_MS = 1_000;
  private static final long SHUTDOWN_GRACE_MS = 10_000;

  private final LogStore providedStore;
  private TopicBusConfig config;
  private Broker broker;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
  private long retentionTimer = -1;
  private long sampleTimer = -1;

  public BrokerVerticle() {
    this(null);
  }

  /** With a given store (tests, or an application that brings its own); otherwise made from the config. */
  public BrokerVerticle(LogStore store) {
    this.providedStore = store;
  }

  @Override
  public Future<?> start() {
    config = TopicBusConfig.from(config());
    LogStore store = providedStore != null ? providedStore : LogStores.create(vertx, config.storage);
    BrokerMetrics metrics = new BrokerMetrics(BackendRegistries.getDefaultNow());
    broker = new Broker(vertx, context, config, store, metrics);
    return broker.open().map(v -> {
      String prefix = config.busPrefix + ".";
      handle(prefix + "publish", this::publish, metrics);
      handle(prefix + "publishBatch", this::publishBatch, metrics);
      LocalBroker.register(vertx, context, body -> guarded(body, this::publishBatch));
      handle(prefix + "subscribe", this::subscribe, metrics);
      handle(prefix + "unsubscribe", this::unsubscribe, metrics);
      handle(prefix + "topics", body -> Future.succeededFuture(broker.topicsListing()), metrics);
      handle(prefix + "subscriptions", body -> Future.succeededFuture(broker.subscriptionsListing()), metrics);
      handle(prefix + "read", this::read, metrics);
      Gauge.builder("topicbus.subscriptions", broker, Broker::subscriptionCount).register(metrics.registry);
      sampleTimer = vertx.setPeriodic(1000, t -> metrics.sample(broker));
      retentionTimer = vertx.setPeriodic(RETENTION_CHECK_MS, t -> broker.enforceRetention()
          .onFailure(e -> log.warn("retention check failed: " + e.getMessage())));
      log.info("broker ready on " + prefix + "* (" + store.topicCount() + " topics, storage "
          + config.storage.mode().name().toLowerCase() + ")");
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    LocalBroker.unregister(vertx);
    if (retentionTimer >= 0) {
      vertx.cancelTimer(retentionTimer);
    }
    if (sampleTimer >= 0) {
      vertx.cancelTimer(sampleTimer);
    }
    if (broker == null) {
      return Future.succeededFuture();
    }
    return broker.close(SHUTDOWN_GRACE_MS)
        .eventually(() -> Future.join(consumers.stream().map(MessageConsumer::unregister).toList()));
  }

  private void handle(String address, Function<JsonObject, Future<JsonObject>> handler, BrokerMetrics metrics) {
    Counter requests = metrics.requests(address);
    consumers.add(vertx.eventBus().consumer(address, (Message<Object> message) -> {
      requests.increment();
      Replies.answer(message, address, log, () -> guarded(Fields.body(message.body()), handler),
          failure -> metrics.failed(address, failure.code()));
    }));
  }

  /** A request as every caller gets it: 503 once shutdown has begun, else the handler's answer. */
  private Future<JsonObject> guarded(JsonObject body, Function<JsonObject, Future<JsonObject>> handler) {
    if (broker.closing()) {
      throw Failure.unavailable("shutting down");
    }
    return handler.apply(body);
  }

  private Future<JsonObject> publish(JsonObject body) {
    return broker.publish(PublishRequest.parse(body, null, config.limits.maxMessageBytes(), broker::hasTopic));
  }

  private Future<JsonObject> publishBatch(JsonObject body) {
    JsonArray messages = Fields.requiredArray(body, "messages");
    if (messages.isEmpty() || messages.size() > 1000) {
      throw Failure.badField("messages", "expected 1..1000 messages (got " + messages.size() + ")");
    }
    List<Object> parsed = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      Object item = messages.getValue(i);
      try {
        if (!(item instanceof JsonObject message)) {
          throw Failure.badField("messages[" + i + "]", "expected a JSON object");
        }
        Draft draft = PublishRequest.parse(message, null, config.limits.maxMessageBytes(), broker::hasTopic);
        parsed.add(draft);
      } catch (Failure failure) {
        parsed.add(failure);
      }
    }
    return broker.publishBatch(parsed);
  }

  private Future<JsonObject> subscribe(JsonObject body) {
    String prefix = config.busPrefix + ".";
    return broker.subscribe(SubscribeRequest.parse(body, config.subscriptions, prefix + "client.", prefix,
        "inventory."));
  }

  private Future<JsonObject> unsubscribe(JsonObject body) {
    return broker.unsubscribe(Fields.requiredString(body, "subscriptionId", 255));
  }

  private Future<JsonObject> read(JsonObject body) {
    String topic = Fields.requiredString(body, "topic", 1000);
    String problem = TopicName.problem(topic);
    if (problem != null) {
      throw Failure.badField("topic", problem);
    }
    Start from = Start.parse(body.getValue("from"), Start.EARLIEST);
    int limit = (int) Fields.optionalLong(body, "limit", 1, 1000, 100);
    return broker.read(topic, from, limit);
  }
}
