package io.topicbus.broker;

import io.topicbus.api.Failure;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.log.CorruptRecordException;
import io.topicbus.log.Draft;
import io.topicbus.log.LogStore;
import io.topicbus.log.MessageJson;
import io.topicbus.log.Record;
import io.topicbus.log.StorageException;
import io.topicbus.log.TopicLog;
import io.topicbus.topic.Pattern;
import io.topicbus.topic.SubscriptionIndex;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The broker's state and rules: topics and their logs, dedup windows, subscriptions, groups and the
 * subscription index. One owner: every method runs on the broker verticle's event loop (workers
 * call in through {@link #deadLetter} and {@link #removeIdle}, which hop onto it). A publish reads
 * top to bottom: validate ({@link PublishRequest}) → {@link TopicLog#append} → {@link SubscriptionIndex#match}
 * → each matching {@link DeliveryWorker} is woken and reads the log itself.
 */
final class Broker {

  private static final Logger log = LoggerFactory.getLogger(Broker.class);
  /** Appends accepted but not yet stored, past which publishers get 429 (the log is behind). */
  static final int MAX_PENDING_APPENDS = 100_000;
  private static final long BREAKER_WINDOW_MS = 7L * 24 * 3600 * 1000;
  static final String DELIVERY_POOL = "topicbus-delivery";
  static final int DELIVERY_POOL_SIZE = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final Vertx vertx;
  private final Context context;
  private final TopicBusConfig config;
  private final LogStore store;
  private final DeliveryPolicy policy;
  private final SecureRandom random = new SecureRandom();

  private final Map<String, TopicState> topics = new HashMap<>();
  private final SubscriptionIndex<DeliveryWorker> index = new SubscriptionIndex<>();
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final Map<String, Group> groups = new HashMap<>();
  private final Map<DeliveryWorker, Future<String>> deployments = new HashMap<>();
  private int pendingAppends;
  private boolean closing;
  private final BrokerMetrics metrics;

  /** A group's shared worker and its members; members agree on pattern and filter. */
  private record Group(DeliveryWorker worker, Set<Subscription> members) {
  }

  Broker(Vertx vertx, Context context, TopicBusConfig config, LogStore store, BrokerMetrics metrics) {
    this.vertx = vertx;
    this.context = context;
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.policy = new DeliveryPolicy(config.subscriptions, config.limits.subscriberQueue(),
        config.limits.maxMessageBytes());
  }

  /** Opens the store and rebuilds each topic's dedup window from the ids it stored recently. */
  Future<Void> open() {
    return store.open().compose(v -> vertx.executeBlocking(() -> {
      long since = System.currentTimeMillis() - config.storage.dedupWindowMs();
      Map<String, List<Record>> recent = new HashMap<>();
      for (TopicLog topicLog : store.topics()) {
        List<Record> withIds = new ArrayList<>();
        if (config.storage.dedupWindowMs() > 0) {
          long from = topicLog.offsetForTimestamp(since);
          while (from < topicLog.nextOffset()) {
            List<Record> page;
            try {
              page = topicLog.read(from, 1000, Long.MAX_VALUE);
            } catch (CorruptRecordException e) {
              // Never served, and no reason to keep the broker down: its id cannot be known anyway.
              log.error(e.getMessage() + " (skipped while rebuilding the dedup window)");
              from++;
              continue;
            }
            if (page.isEmpty()) {
              break;
            }
            page.stream().filter(r -> r.id() != null).forEach(withIds::add);
            from = page.get(page.size() - 1).offset() + 1;
          }
        }
        recent.put(topicLog.topic(), withIds);
      }
      return recent;
    })).map(recent -> {
      for (TopicLog topicLog : store.topics()) {
        TopicState state = new TopicState(topicLog, config.storage.dedupWindowMs());
        recent.getOrDefault(topicLog.topic(), List.of()).forEach(state.dedup::remember);
        topics.put(topicLog.topic(), state);
      }
      return null;
    });
  }

  // ---- publish ----

  Future<JsonObject> publish(Draft draft) {
    TopicState topic = topicFor(draft.topic());
    long now = System.currentTimeMillis();
    String id = draft.id();
    if (id != null) {
      Future<Record> first = topic.dedup.first(id, now);
      if (first != null) {
        return first.map(Broker::duplicateReply);
      }
    }
    Future<Record> stored = append(topic, List.of(draft)).map(records -> records.get(0));
    if (id != null) {
      topic.dedup.track(id, stored);
    }
    return stored.map(Broker::publishReply);
  }

  /**
   * Each message is validated on its own ({@code parsed} holds a Draft or the Failure that refused it);
   * the good ones of each topic are stored with one append.
   */
  Future<JsonObject> publishBatch(List<Object> parsed) {
    int n = parsed.size();
    Object[] results = new Object[n];
    Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
    long now = System.currentTimeMillis();
    Map<String, Integer> firstOfId = new HashMap<>();
    List<Future<?>> waits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object item = parsed.get(i);
      if (item instanceof Failure failure) {
        results[i] = failure;
        continue;
      }
      Draft draft = (Draft) item;
      TopicState topic;
      try {
        topic = topicFor(draft.topic());
      } catch (Failure failure) {
        results[i] = failure;
        continue;
      }
      if (draft.id() != null) {
        Future<Record> first = topic.dedup.first(draft.id(), now);
        if (first != null) {
          int slot = i;
          waits.add(first.andThen(ar -> results[slot] = ar.succeeded()
              ? duplicateReply(ar.result()) : Failure.of(ar.cause())));
          continue;
        }
        Integer sameBatch = firstOfId.putIfAbsent(draft.topic() + "\u0000" + draft.id(), i);
        if (sameBatch != null) {
          results[i] = sameBatch; // resolved below to the first one's reply
          continue;
        }
      }
      byTopic.computeIfAbsent(draft.topic(), t -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<String, List<Integer>> entry : byTopic.entrySet()) {
      TopicState topic = topics.get(entry.getKey());
      List<Integer> slots = entry.getValue();
      List<Draft> drafts = new ArrayList<>(slots.size());
      slots.forEach(slot -> drafts.add((Draft) parsed.get(slot)));
      Future<List<Record>> stored;
      try {
        stored = append(topic, drafts);
      } catch (Failure failure) {
        slots.forEach(slot -> results[slot] = failure);
        continue;
      }
      for (int k = 0; k < slots.size(); k++) {
        Draft draft = drafts.get(k);
        if (draft.id() != null) {
          int index = k;
          topic.dedup.track(draft.id(), stored.map(records -> records.get(index)));
        }
      }
      waits.add(stored.andThen(ar -> {
        for (int k = 0; k < slots.size(); k++) {
          results[slots.get(k)] = ar.succeeded() ? publishReply(ar.result().get(k)) : Failure.of(ar.cause());
        }
      }));
    }
    return Future.join(waits).transform(done -> {
      JsonArray out = new JsonArray();
      for (Object result : results) {
        Object resolved = result instanceof Integer first ? results[first] : result;
        if (result instanceof Integer && resolved instanceof JsonObject reply) {
          resolved = reply.copy().put("duplicate", true);
        }
        out.add(resolved instanceof Failure failure ? failure.toJson() : resolved);
      }
      return Future.succeededFuture(new JsonObject().put("results", out));
    });
  }

  private Future<List<Record>> append(TopicState topic, List<Draft> drafts) {
    if (pendingAppends >= MAX_PENDING_APPENDS) {
      throw Failure.tooMany("storage is behind (" + pendingAppends + " appends waiting); retry later");
    }
    pendingAppends += drafts.size();
    Future<List<Record>> stored;
    try {
      stored = topic.log.append(drafts);
    } catch (RuntimeException e) {
      pendingAppends -= drafts.size();
      throw storageFailure(e);
    }
    return stored.transform(ar -> {
      pendingAppends -= drafts.size();
      if (ar.failed()) {
        return Future.failedFuture(storageFailure(ar.cause()));
      }
      List<Record> records = ar.result();
      records.forEach(topic.dedup::remember);
      metrics.published(records.size());
      index.match(topic.segments, worker -> worker.notify(topic.log));
      return Future.succeededFuture(records);
    });
  }

  private static Failure storageFailure(Throwable e) {
    if (e instanceof Failure failure) {
      return failure;
    }
    log.error("append failed: " + e.getMessage(), e);
    return Failure.unavailable("storage: " + e.getMessage());
  }

  boolean hasTopic(String name) {
    return topics.containsKey(name);
  }

  private TopicState topicFor(String name) {
    TopicState topic = topics.get(name);
    if (topic == null) {
      if (topics.size() >= config.limits.maxTopics()) {
        throw Failure.tooMany("too many topics (limits.maxTopics is " + config.limits.maxTopics() + ")");
      }
      topic = new TopicState(store.getOrCreate(name), config.storage.dedupWindowMs());
      topics.put(name, topic);
    }
    return topic;
  }

  /** The reply to a publish whose id was published before: the first one's place, marked duplicate. */
  private static JsonObject duplicateReply(Record first) {
    return publishReply(first).put("duplicate", true);
  }

  static JsonObject publishReply(Record record) {
    return new JsonObject()
        .put("topic", record.topic())
        .put("offset", record.offset())
        .put("timestamp", record.timestamp())
        .put("id", record.id());
  }

  /** Appends a message that failed all its attempts to {@code dlqTopic}. Callable from any thread. */
  Future<Void> deadLetter(String dlqTopic, Record record, int attempts, String reason) {
    return onBroker(() -> {
      JsonObject headers = record.headers() == null ? new JsonObject() : record.headers().copy();
      headers.put("dlq-topic", record.topic())
          .put("dlq-offset", record.offset())
          .put("dlq-attempts", attempts)
          .put("dlq-reason", reason);
      Draft draft = MessageJson.draft(dlqTopic, record.key(), headers, record.payload(), null);
      metrics.deadLettered();
      return append(topicFor(dlqTopic), List.of(draft)).<Void>mapEmpty();
    });
  }

  // ---- subscribe ----

  Future<JsonObject> subscribe(SubscribeRequest request) {
    if (subscriptions.size() >= config.limits.maxSubscriptions()) {
      throw Failure.tooMany("too many subscriptions (limits.maxSubscriptions is " + config.limits.maxSubscriptions() + ")");
    }
    String id = newSubscriptionId();
    Subscription subscription;
    if (request.group() == null) {
      DeliveryWorker worker = new DeliveryWorker(this, id, null, request.pattern(), request.filter(), policy,
          store.positions(), metrics);
      addExistingTopics(worker, topicName -> request.from());
      subscription = new Subscription(id, request, worker, breakerFor(id, request));
      index.add(request.pattern(), worker);
      deploy(worker);
    } else {
      Group group = groups.get(request.group());
      if (group == null) {
        group = newGroup(request);
      } else if (!group.worker.pattern.equals(request.pattern())
          || !Objects.equals(filterText(group.worker), request.filterText())) {
        throw Failure.conflict("group " + request.group() + " subscribes to pattern '" + group.worker.pattern.text()
            + "' with filter " + quoted(filterText(group.worker)) + "; members must agree");
      }
      subscription = new Subscription(id, request, group.worker, breakerFor(id, request));
      group.members.add(subscription);
    }
    if (subscription.breaker != null) {
      subscription.countCircuitIn(metrics);
    }
    subscriptions.put(id, subscription);
    DeliveryWorker worker = subscription.worker;
    return deployments.get(worker)
        .compose(deployed -> worker.join(subscription))
        .map(v -> new JsonObject()
            .put("subscriptionId", id)
            .put("pattern", request.pattern().text())
            .put("group", request.group()))
        .onFailure(e -> {
          log.error("subscription " + id + " could not start: " + e.getMessage(), e);
          remove(subscription);
        });
  }

  private Group newGroup(SubscribeRequest request) {
    String name = request.group();
    DeliveryWorker worker = new DeliveryWorker(this, name, name, request.pattern(), request.filter(), policy,
        store.positions(), metrics);
    boolean known = !store.positions().all(name).isEmpty();
    addExistingTopics(worker, topicName -> {
      long committed = store.positions().get(name, topicName);
      if (committed >= 0) {
        return new Start(Start.Kind.OFFSET, committed);
      }
      // `from` counts only for a group with no committed position; topics it has not seen are read in full.
      return known ? Start.EARLIEST : request.from();
    });
    Group group = new Group(worker, new LinkedHashSet<>());
    groups.put(name, group);
    index.add(request.pattern(), worker);
    deploy(worker);
    return group;
  }

  private void addExistingTopics(DeliveryWorker worker, java.util.function.Function<String, Start> startFor) {
    for (TopicState topic : topics.values()) {
      if (worker.pattern.matches(topic.segments)) {
        worker.addCursor(topic.log, startFor.apply(topic.log.topic()));
      }
    }
  }

  /**
   * The subscription's circuit breaker (SPEC section 10): counts failed attempts in a row (an ack
   * resets it; the rolling window is long enough never to forget a failure in between), no timeout of
   * its own (ackTimeoutMs does that) and no event bus notifications (100,000 of them would flood it).
   */
  private CircuitBreaker breakerFor(String id, SubscribeRequest request) {
    if (request.ack() == SubscribeRequest.AckMode.NONE) {
      return null;
    }
    CircuitBreaker breaker = CircuitBreaker.create("subscription-" + id, vertx, new CircuitBreakerOptions()
        .setMaxFailures(config.subscriptions.breakerFailures())
        .setResetTimeout(config.subscriptions.breakerResetMs())
        .setTimeout(-1)
        .setFailuresRollingWindow(BREAKER_WINDOW_MS)
        .setNotificationAddress(null));
    return breaker;
  }

  /**
   * Delivery workers share one named worker pool sized to the cores: their tasks are short (read a
   * page, send, handle an ack), so more threads than cores only adds handoffs and context switches,
   * and a pool of their own keeps blocking work elsewhere (reads, the inventory) from delaying them.
   */
  private void deploy(DeliveryWorker worker) {
    deployments.put(worker, vertx.deployVerticle(worker, new DeploymentOptions()
        .setThreadingModel(ThreadingModel.WORKER)
        .setWorkerPoolName(DELIVERY_POOL)
        .setWorkerPoolSize(DELIVERY_POOL_SIZE)));
  }

  private static String filterText(DeliveryWorker worker) {
    return worker.filter == null ? null : worker.filter.text();
  }

  private static String quoted(String text) {
    return text == null ? "(none)" : "'" + text + "'";
  }

  private String newSubscriptionId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    // URL-safe base64 uses [A-Za-z0-9_-] only, so the id is a valid topic segment (dlq.<id>).
    return "s" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Ends a subscription; 404 when it does not exist. */
  Future<JsonObject> unsubscribe(String id) {
    Subscription subscription = subscriptions.get(id);
    if (subscription == null) {
      throw Failure.notFound("no subscription " + id);
    }
    return remove(subscription).map(v -> new JsonObject().put("subscriptionId", id));
  }

  /** A worker found nobody listening for too long. Callable from any thread. */
  void removeIdle(Subscription subscription) {
    context.runOnContext(v -> {
      if (subscriptions.get(subscription.id) == subscription) {
        remove(subscription);
      }
    });
  }

  private Future<Void> remove(Subscription subscription) {
    if (subscriptions.remove(subscription.id) == null) {
      return Future.succeededFuture();
    }
    DeliveryWorker worker = subscription.worker;
    boolean last;
    if (worker.group == null) {
      last = true;
    } else {
      Group group = groups.get(worker.group);
      group.members.remove(subscription);
      last = group.members.isEmpty();
      if (last) {
        groups.remove(worker.group);
      }
    }
    if (last) {
      index.remove(worker.pattern, worker);
    }
    Future<String> deployed = deployments.get(worker);
    Future<Void> left = deployed.transform(ar -> ar.succeeded() ? worker.leave(subscription) : Future.succeededFuture());
    if (!last) {
      return left;
    }
    deployments.remove(worker);
    // At shutdown Vert.x may have undeployed the worker already (it is the broker's child): nothing left to do.
    return left.transform(ar -> deployed.succeeded() ? vertx.undeploy(deployed.result()).otherwiseEmpty()
        : Future.succeededFuture());
  }

  // ---- listings and reads ----

  JsonObject topicsListing() {
    JsonArray list = new JsonArray();
    topics.values().stream().map(t -> t.log).sorted(Comparator.comparing(TopicLog::topic)).forEach(t -> list.add(
        new JsonObject()
            .put("name", t.topic())
            .put("nextOffset", t.nextOffset())
            .put("firstOffset", t.firstOffset())
            .put("messages", t.messageCount())
            .put("bytes", t.sizeBytes())
            .put("segments", t.segmentCount())
            .put("corrupt", t.corrupt())));
    return new JsonObject().put("topics", list).put("writable", store.writable());
  }

  JsonObject subscriptionsListing() {
    JsonArray list = new JsonArray();
    for (Subscription s : subscriptions.values()) {
      SubscribeRequest r = s.request;
      list.add(new JsonObject()
          .put("subscriptionId", s.id)
          .put("pattern", r.pattern().text())
          .put("filter", r.filterText())
          .put("group", r.group())
          .put("address", r.address())
          .put("ack", r.ack() == SubscribeRequest.AckMode.AUTO ? "auto" : "none")
          .put("maxInFlight", r.maxInFlight())
          .put("delivered", s.delivered)
          .put("pending", s.worker.pending())
          .put("inFlight", s.inFlight)
          .put("redelivered", s.redelivered)
          .put("deadLettered", s.deadLettered)
          .put("skipped", s.worker.skipped())
          .put("circuit", s.circuit()));
    }
    return new JsonObject().put("subscriptions", list);
  }

  Future<JsonObject> read(String topicName, Start from, int limit) {
    TopicState topic = topics.get(topicName);
    if (topic == null) {
      throw Failure.notFound("no topic " + topicName);
    }
    TopicLog topicLog = topic.log;
    int maxBytes = config.limits.maxMessageBytes();
    return vertx.executeBlocking(() -> {
      long start = from.resolve(topicLog);
      List<Record> records = topicLog.read(start, limit, maxBytes);
      JsonArray messages = new JsonArray();
      records.forEach(r -> messages.add(message(r)));
      long next = records.isEmpty() ? topicLog.nextOffset() : records.get(records.size() - 1).offset() + 1;
      return new JsonObject().put("messages", messages).put("next", next);
    }, false).recover(e -> Future.failedFuture(readFailure(e)));
  }

  private static Failure readFailure(Throwable e) {
    if (e instanceof CorruptRecordException corrupt) {
      log.error(corrupt.getMessage());
      return Failure.internal(corrupt.getMessage());
    }
    if (e instanceof StorageException) {
      return Failure.unavailable("storage: " + e.getMessage());
    }
    return Failure.of(e);
  }

  static JsonObject message(Record record) {
    return new JsonObject()
        .put("topic", record.topic())
        .put("offset", record.offset())
        .put("timestamp", record.timestamp())
        .put("key", record.key())
        .put("headers", record.headers() == null ? new JsonObject() : record.headers())
        .put("payload", record.payload())
        .put("id", record.id());
  }

  // ---- lifecycle ----

  boolean closing() {
    return closing;
  }

  /** New requests get 503; waits (up to {@code graceMs}) for appends in flight, then closes the store. */
  Future<Void> close(long graceMs) {
    closing = true;
    Promise<Void> drained = Promise.promise();
    long deadline = System.currentTimeMillis() + graceMs;
    waitForAppends(drained, deadline);
    return drained.future().compose(v -> store.close());
  }

  private void waitForAppends(Promise<Void> drained, long deadline) {
    if (pendingAppends == 0 || System.currentTimeMillis() >= deadline) {
      if (pendingAppends > 0) {
        log.warn(pendingAppends + " appends still pending at shutdown");
      }
      drained.complete();
      return;
    }
    vertx.setTimer(20, t -> waitForAppends(drained, deadline));
  }

  Future<Void> enforceRetention() {
    return store.enforceRetention(System.currentTimeMillis());
  }

  int subscriptionCount() {
    return subscriptions.size();
  }

  Iterable<Subscription> allSubscriptions() {
    return subscriptions.values();
  }

  LogStore store() {
    return store;
  }

  /** Runs {@code action} on the broker's event loop and passes its future on. */
  private <T> Future<T> onBroker(Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        action.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }
}
