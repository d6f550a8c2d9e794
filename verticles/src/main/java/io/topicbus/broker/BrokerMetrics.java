package io.topicbus.broker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.topicbus.log.TopicLog;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TopicBus meters (names in {@code conf/alerts.yml} too). Labels are bounded: nothing is labelled
 * by topic or subscription, whose numbers are unbounded; per-subscription figures live in
 * {@code topicbus.subscriptions}. Counters are thread-safe; workers update them directly.
 */
final class BrokerMetrics {

  final MeterRegistry registry;
  private final Counter published;
  private final Counter deadLettered;
  final Counter delivered;
  final Counter redelivered;

  BrokerMetrics(MeterRegistry registry) {
    this.registry = registry != null ? registry : new SimpleMeterRegistry();
    published = Counter.builder("topicbus.published").description("messages stored").register(this.registry);
    deadLettered = Counter.builder("topicbus.dead.lettered").description("messages sent to a dead-letter topic")
        .register(this.registry);
    delivered = Counter.builder("topicbus.delivered").description("deliveries acked (or sent, for ack none)")
        .register(this.registry);
    redelivered = Counter.builder("topicbus.redelivered").description("deliveries retried after a failed attempt")
        .register(this.registry);
    Gauge.builder("topicbus.circuits.open", openCircuits, AtomicInteger::get)
        .description("subscriptions whose circuit breaker is open").register(this.registry);
    Gauge.builder("topicbus.subscription.pending", lagTotal, AtomicLong::get)
        .description("messages matched but not yet delivered, over all subscriptions (a group counts once)")
        .register(this.registry);
    Gauge.builder("topicbus.subscription.pending.max", lagMax, AtomicLong::get)
        .description("the largest lag of one subscription or group").register(this.registry);
    Gauge.builder("topicbus.storage.corrupt.topics", corruptTopics,
        AtomicInteger::get).description("topics where a record failed its checksum")
        .register(this.registry);
    Gauge.builder("topicbus.storage.writable", writable,
        AtomicInteger::get).description("1 while the store can write, 0 after a write failure")
        .register(this.registry);
    Gauge.builder("topicbus.topics", topics, AtomicInteger::get)
        .description("topics").register(this.registry);
  }

  private final AtomicInteger openCircuits = new AtomicInteger();

  void circuitOpened() {
    openCircuits.incrementAndGet();
  }

  void circuitClosed() {
    openCircuits.decrementAndGet();
  }

  private final AtomicLong lagTotal = new AtomicLong();
  private final AtomicLong lagMax = new AtomicLong();
  private final AtomicInteger corruptTopics = new AtomicInteger();
  private final AtomicInteger topics = new AtomicInteger();
  private final AtomicInteger writable = new AtomicInteger(1);

  /** Broker thread, once a second: figures that need the broker's single-owner state. */
  void sample(Broker broker) {
    long total = 0;
    long max = 0;
    Set<DeliveryWorker> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Subscription subscription : broker.allSubscriptions()) {
      if (seen.add(subscription.worker)) {
        long pending = subscription.worker.pending();
        total += pending;
        max = Math.max(max, pending);
      }
    }
    lagTotal.set(total);
    lagMax.set(max);
    int corrupt = 0;
    for (TopicLog topic : broker.store().topics()) {
      if (topic.corrupt()) {
        corrupt++;
      }
    }
    corruptTopics.set(corrupt);
    writable.set(broker.store().writable() ? 1 : 0);
    topics.set(broker.store().topicCount());
  }

  void published(int n) {
    published.increment(n);
  }

  void deadLettered() {
    deadLettered.increment();
  }

  /** Requests to one of the broker's addresses (seven values). */
  Counter requests(String address) {
    return registry.counter("topicbus.requests", "address", address);
  }

  /** A request answered with a failure, by SPEC code (a handful of values). */
  void failed(String address, int code) {
    registry.counter("topicbus.requests.failed", "address", address, "code", Integer.toString(code)).increment();
  }
}
