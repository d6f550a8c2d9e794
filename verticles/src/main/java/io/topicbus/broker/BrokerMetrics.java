package io.topicbus.broker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

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
    io.micrometer.core.instrument.Gauge.builder("topicbus.circuits.open", openCircuits, java.util.concurrent.atomic.AtomicInteger::get)
        .description("subscriptions whose circuit breaker is open").register(this.registry);
  }

  private final java.util.concurrent.atomic.AtomicInteger openCircuits = new java.util.concurrent.atomic.AtomicInteger();

  void circuitOpened() {
    openCircuits.incrementAndGet();
  }

  void circuitClosed() {
    openCircuits.decrementAndGet();
  }

  void published(int n) {
    published.increment(n);
  }

  void deadLettered() {
    deadLettered.increment();
  }

  /** A request answered with a failure, by SPEC code (a handful of values). */
  void failed(String address, int code) {
    registry.counter("topicbus.requests.failed", "address", address, "code", Integer.toString(code)).increment();
  }
}
