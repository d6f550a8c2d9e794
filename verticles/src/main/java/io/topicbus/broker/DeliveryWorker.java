package io.topicbus.broker;

import io.topicbus.filter.Filter;
import io.topicbus.log.PositionStore;
import io.topicbus.log.Record;
import io.topicbus.log.TopicLog;
import io.topicbus.topic.Pattern;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The worker verticle that serves one consumer: a broadcast subscription, or a whole group (its
 * members compete for the group's messages). It owns its cursors (one position per topic) and a
 * bounded buffer of records read from the log; it applies the filter, delivers, waits for acks,
 * retries with backoff and dead-letters. Everything but {@link #notify(TopicLog)}, {@link #join} and
 * {@link #leave} runs on the worker's own context, so its state needs no locks; the broker only
 * marks cursors dirty and wakes it, so a slow or stuck consumer never delays the broker or others.
 */
final class DeliveryWorker extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
  /** Dispatches per turn before yielding the worker thread to others. */
  private static final int TURN = 512;

  final String name;
  final String group;
  final Pattern pattern;
  final Filter filter;
  private final Broker broker;
  private final DeliveryPolicy policy;
  private final PositionStore positions;
  private final BrokerMetrics metrics;

  private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Cursor> dirty = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeScheduled = new AtomicBoolean();
  private volatile Context workerContext;
  private volatile int buffered;

  // Worker thread state.
  private final List<Subscription> members = new ArrayList<>();
  private final ArrayDeque<Delivery> ready = new ArrayDeque<>();
  private int roundRobin;
  private long blockedUntil;
  private boolean stopped;

  DeliveryWorker(Broker broker, String name, String group, Pattern pattern, Filter filter, DeliveryPolicy policy,
                 PositionStore positions, BrokerMetrics metrics) {
    this.broker = broker;
    this.metrics = metrics;
    this.name = name;
    this.group = group;
    this.pattern = pattern;
    this.filter = filter;
    this.policy = policy;
    this.positions = positions;
  }

  @Override
  public Future<?> start() {
    workerContext = context;
    wakeScheduled.set(true);
    context.runOnContext(v -> drain());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    for (Delivery delivery : ready) {
      cancelTimer(delivery);
    }
    for (Subscription member : members) {
      member.outstanding.forEach(this::cancelTimer);
    }
    commitAll();
    return Future.succeededFuture();
  }

  /** The dead-letter topic of this consumer. */
  String deadLetterTopic() {
    return "dlq." + name;
  }

  // ---- called from the broker thread ----

  /** Adds a cursor for a topic that exists when the consumer starts. */
  void addCursor(TopicLog topicLog, Start start) {
    Cursor cursor = new Cursor(topicLog, start, group != null);
    cursors.put(topicLog.topic(), cursor);
    if (group != null && cursor.committed() >= 0) {
      positions.commit(group, topicLog.topic(), cursor.committed());
    }
    markDirty(cursor);
  }

  /** New records are readable in {@code topicLog}; a topic seen for the first time is read from its start. */
  void notify(TopicLog topicLog) {
    Cursor cursor = cursors.get(topicLog.topic());
    if (cursor == null) {
      cursor = cursors.computeIfAbsent(topicLog.topic(), t -> new Cursor(topicLog, startForNewTopic(t), group != null));
    }
    markDirty(cursor);
    wake();
  }

  private Start startForNewTopic(String topic) {
    long committed = group == null ? -1 : positions.get(group, topic);
    return committed >= 0 ? new Start(Start.Kind.OFFSET, committed) : Start.EARLIEST;
  }

  private void markDirty(Cursor cursor) {
    if (cursor.queued.compareAndSet(false, true)) {
      dirty.offer(cursor);
    }
  }

  private void wake() {
    Context ctx = workerContext;
    if (ctx != null && wakeScheduled.compareAndSet(false, true)) {
      ctx.runOnContext(v -> drain());
    }
  }

  /** Adds a member; completes once it is part of the dispatch. */
  Future<Void> join(Subscription member) {
    return onWorker(() -> {
      if (member.breaker != null) {
        member.breaker.halfOpenHandler(v -> drain());
      }
      members.add(member);
      drain();
    });
  }

  /**
   * Removes a member. Its unfinished deliveries go back to the front of the queue for the others
   * (or wait for the next member, the group's position staying at the lowest of them).
   */
  Future<Void> leave(Subscription member) {
    return onWorker(() -> {
      member.leaving = true;
      members.remove(member);
      List<Delivery> back = new ArrayList<>(member.outstanding);
      back.sort((a, b) -> Long.compare(b.record.offset(), a.record.offset()));
      for (Delivery delivery : back) {
        cancelTimer(delivery);
        delivery.member = null;
        ready.addFirst(delivery);
      }
      member.outstanding.clear();
      member.inFlight = 0;
      member.closeCircuit();
      buffered = ready.size();
      drain();
    });
  }

  private Future<Void> onWorker(Runnable action) {
    Promise<Void> promise = Promise.promise();
    workerContext.runOnContext(v -> {
      try {
        action.run();
        promise.complete();
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  /** Records matched but not yet delivered: unread lag plus the buffer. */
  long pending() {
    long lag = buffered;
    for (Cursor cursor : cursors.values()) {
      lag += cursor.lag();
    }
    return lag;
  }

  /** Records retention removed before this consumer read them (SPEC: the skip is counted). */
  long skipped() {
    long total = 0;
    for (Cursor cursor : cursors.values()) {
      total += cursor.skipped();
    }
    return total;
  }

  // ---- worker thread ----

  private void drain() {
    wakeScheduled.set(false);
    if (stopped || members.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    if (now < blockedUntil) {
      return;
    }
    int dispatched = 0;
    while (dispatched < TURN) {
      Delivery next = ready.peekFirst();
      if (next == null) {
        if (!refill()) {
          break;
        }
        continue;
      }
      if (!next.filterChecked) {
        next.filterChecked = true;
        if (filter != null && !filter.matches(next.record.topic(), next.record.key(), next.record.headers(),
            next.record.payload())) {
          ready.pollFirst();
          finished(next);
          continue;
        }
      }
      Subscription member = choose(next, now);
      if (member == null) {
        break;
      }
      ready.pollFirst();
      send(next, member);
      dispatched++;
    }
    buffered = ready.size();
    if (dispatched == TURN) {
      wake();
    }
  }

  /** Reads the next page from a dirty cursor into the buffer. */
  private boolean refill() {
    Cursor cursor;
    while ((cursor = dirty.poll()) != null) {
      cursor.queued.set(false);
      List<Record> records;
      try {
        records = cursor.readNext(policy.subscriberQueue(), policy.maxReadBytes());
      } catch (RuntimeException e) {
        log.error("subscription " + name + " cannot read topic " + cursor.topic() + ": " + e.getMessage(), e);
        blockUntilLater(cursor);
        return false;
      }
      if (cursor.hasMore()) {
        markDirty(cursor);
      }
      if (!records.isEmpty()) {
        for (Record record : records) {
          ready.addLast(new Delivery(record, cursor));
        }
        return true;
      }
    }
    return false;
  }

  private void blockUntilLater(Cursor cursor) {
    markDirty(cursor);
    blockedUntil = System.currentTimeMillis() + policy.config().retryBackoffMaxMs();
    vertx.setTimer(policy.config().retryBackoffMaxMs(), t -> drain());
  }

  /** The member that takes this delivery now, or null when it has to wait. */
  private Subscription choose(Delivery delivery, long now) {
    if (members.size() == 1) {
      Subscription only = members.get(0);
      return only.canTake(now) ? only : null;
    }
    String key = delivery.record.key();
    if (key != null) {
      Subscription owner = ownerOf(key);
      return owner.canTake(now) ? owner : null;
    }
    for (int i = 0; i < members.size(); i++) {
      Subscription candidate = members.get((roundRobin + i) % members.size());
      if (candidate.canTake(now)) {
        roundRobin = (roundRobin + i + 1) % members.size();
        return candidate;
      }
    }
    return null;
  }

  /** Rendezvous hashing: a key stays with its member while membership is stable, and moves minimally when it changes. */
  private Subscription ownerOf(String key) {
    Subscription best = null;
    long bestScore = Long.MIN_VALUE;
    for (Subscription member : members) {
      long score = mix(key.hashCode() * 0x9E3779B97F4A7C15L + member.id.hashCode());
      if (best == null || score > bestScore) {
        best = member;
        bestScore = score;
      }
    }
    return best;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private void send(Delivery delivery, Subscription member) {
    delivery.member = member;
    delivery.attempt++;
    JsonObject body = body(delivery, member);
    EventBus eventBus = vertx.eventBus();
    if (member.ackNone()) {
      long now = System.currentTimeMillis();
      if (now >= member.nextProbeAt) {
        // A plain send cannot tell that nobody listens; now and then a request does. Its answer is
        // not waited for (at-most-once), except that nobody listening puts the message back.
        member.nextProbeAt = now + policy.probeIntervalMs();
        eventBus.request(member.address(), body, new DeliveryOptions().setSendTimeout(policy.probeTimeoutMs()))
            .onComplete(ar -> probed(delivery, member, ar));
        return;
      }
      eventBus.send(member.address(), body);
      sentUnacked(delivery, member);
      return;
    }
    member.outstanding.add(delivery);
    member.inFlight = member.outstanding.size();
    attempt(delivery, member, body);
  }

  /**
   * One attempt of an acked delivery. Its outcome is reported to the member's circuit breaker: failed
   * attempts (failure reply, nack, timeout) count towards opening it, an ack resets the count; nobody
   * listening counts for nothing. The worker never attempts while the breaker is open (see
   * {@link Subscription#circuitAllows}), so the breaker only ever sees real attempts.
   */
  private void attempt(Delivery delivery, Subscription member, JsonObject body) {
    boolean trial = member.breaker.state() == CircuitBreakerState.HALF_OPEN;
    if (trial) {
      member.trialOut = true;
    }
    vertx.eventBus().request(member.address(), body, new DeliveryOptions().setSendTimeout(member.request.ackTimeoutMs()))
        .onComplete(ar -> {
          if (trial) {
            member.trialOut = false;
          }
          report(member.breaker, ar);
          outcome(delivery, member, ar);
        });
  }

  /** Tells the breaker about an attempt, unless it is an ack that would change nothing (the common case). */
  private static void report(CircuitBreaker breaker, AsyncResult<Message<Object>> ar) {
    if (ar.failed() && isNoHandlers(ar.cause())) {
      return;
    }
    boolean failed = failedAttempt(ar);
    if (!failed && breaker.state() == CircuitBreakerState.CLOSED && breaker.failureCount() == 0) {
      return;
    }
    breaker.<Void>execute(outcome -> {
      if (failed) {
        outcome.fail("failed attempt");
      } else {
        outcome.complete();
      }
    });
  }

  private static boolean failedAttempt(AsyncResult<Message<Object>> ar) {
    return ar.succeeded() ? isNack(ar.result().body()) : !isNoHandlers(ar.cause());
  }

  /** What SPEC section 3 delivers: the record as {@code read} shows it, plus whose and which attempt. */
  private static JsonObject body(Delivery delivery, Subscription member) {
    return Broker.message(delivery.record).put("subscriptionId", member.id).put("attempt", delivery.attempt);
  }

  private void probed(Delivery delivery, Subscription member, AsyncResult<Message<Object>> ar) {
    if (stopped || member.leaving) {
      return;
    }
    if (ar.failed() && isNoHandlers(ar.cause())) {
      delivery.attempt--;
      delivery.member = null;
      if (noHandler(member)) {
        ready.addFirst(delivery);
        buffered = ready.size();
      }
      return;
    }
    member.noHandlerSince = 0;
    member.noHandlerStreak = 0;
    sentUnacked(delivery, member);
  }

  private void sentUnacked(Delivery delivery, Subscription member) {
    member.delivered++;
    metrics.delivered.increment();
    finished(delivery);
  }

  private void outcome(Delivery delivery, Subscription member, AsyncResult<Message<Object>> ar) {
    if (stopped || delivery.member != member || member.leaving) {
      return; // reassigned after its member left: the late answer counts for nothing
    }
    if (ar.succeeded() && !isNack(ar.result().body())) {
      member.noHandlerSince = 0;
      member.noHandlerStreak = 0;
      member.outstanding.remove(delivery);
      member.inFlight = member.outstanding.size();
      member.delivered++;
      metrics.delivered.increment();
      finished(delivery);
      drain();
      return;
    }
    if (ar.failed() && isNoHandlers(ar.cause())) {
      delivery.attempt--; // not a failed attempt
      if (noHandler(member)) {
        retryLater(delivery, member, policy.backoffMs(member.noHandlerStreak));
      }
      return;
    }
    member.noHandlerSince = 0;
    member.noHandlerStreak = 0;
    String reason = ar.succeeded() ? "nack" : reason(ar.cause());
    if (delivery.attempt >= member.request.maxAttempts()) {
      deadLetter(delivery, member, reason);
    } else {
      member.redelivered++;
      metrics.redelivered.increment();
      retryLater(delivery, member, policy.backoffMs(delivery.attempt));
    }
  }

  /** Pauses a member that has no handler; returns false when it has been idle too long and is removed. */
  private boolean noHandler(Subscription member) {
    long now = System.currentTimeMillis();
    if (member.noHandlerSince == 0) {
      member.noHandlerSince = now;
    }
    member.noHandlerStreak++;
    if (now - member.noHandlerSince >= policy.config().idleTimeoutMs()) {
      member.leaving = true;
      log.info("subscription " + member.id + " removed: no handler at " + member.address() + " for "
          + (now - member.noHandlerSince) + " ms");
      broker.removeIdle(member);
      return false;
    }
    long backoff = policy.backoffMs(member.noHandlerStreak);
    member.pausedUntil = now + backoff;
    member.nextProbeAt = 0;
    vertx.setTimer(backoff, t -> drain());
    return true;
  }

  /** Sends the delivery again after {@code delayMs}; while the circuit is open it keeps waiting, uncounted. */
  private void retryLater(Delivery delivery, Subscription member, long delayMs) {
    delivery.retryTimer = vertx.setTimer(delayMs, t -> {
      delivery.retryTimer = -1;
      if (stopped || delivery.member != member || member.leaving) {
        return;
      }
      if (!member.circuitAllows()) {
        retryLater(delivery, member, Math.max(10, policy.config().breakerResetMs() / 4));
        return;
      }
      delivery.attempt++;
      attempt(delivery, member, body(delivery, member));
    });
  }

  private void deadLetter(Delivery delivery, Subscription member, String reason) {
    broker.deadLetter(deadLetterTopic(), delivery.record, delivery.attempt, reason).onComplete(ar ->
        workerContext.runOnContext(v -> {
          if (stopped || delivery.member != member || member.leaving) {
            return;
          }
          if (ar.failed()) {
            log.warn("dead-lettering " + delivery.record.topic() + "@" + delivery.record.offset() + " failed, will retry: "
                + ar.cause().getMessage());
            delivery.attempt--;
            retryDeadLetter(delivery, member, reason);
            return;
          }
          member.outstanding.remove(delivery);
          member.inFlight = member.outstanding.size();
          member.deadLettered++;
          finished(delivery);
          drain();
        }));
  }

  private void retryDeadLetter(Delivery delivery, Subscription member, String reason) {
    delivery.retryTimer = vertx.setTimer(policy.config().retryBackoffMaxMs(), t -> {
      delivery.retryTimer = -1;
      delivery.attempt++;
      deadLetter(delivery, member, reason);
    });
  }

  /** The delivery is done for good: for a group, the committed position may move. */
  private void finished(Delivery delivery) {
    if (group == null) {
      return;
    }
    long committed = delivery.cursor.finished(delivery.record.offset());
    positions.commit(group, delivery.cursor.topic(), committed);
  }

  private void commitAll() {
    if (group == null) {
      return;
    }
    for (Cursor cursor : cursors.values()) {
      long committed = cursor.committed();
      if (committed >= 0) {
        positions.commit(group, cursor.topic(), committed);
      }
    }
  }

  private void cancelTimer(Delivery delivery) {
    if (delivery.retryTimer >= 0) {
      vertx.cancelTimer(delivery.retryTimer);
      delivery.retryTimer = -1;
    }
  }

  private static boolean isNack(Object body) {
    return body instanceof JsonObject json && Boolean.TRUE.equals(json.getValue("nack"));
  }

  private static boolean isNoHandlers(Throwable error) {
    return error instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }

  private static String reason(Throwable error) {
    if (error instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return "timeout";
    }
    String message = error.getMessage();
    return message == null || message.isEmpty() ? error.getClass().getSimpleName() : message;
  }
}
