package io.topicbus.broker;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerState;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One subscription (SPEC section 3): where its deliveries go and how they are acked, plus the
 * counters {@code topicbus.subscriptions} reports. Served by its {@link DeliveryWorker}: its own for
 * a broadcast subscription, the group's for a group member. Counters are written by the worker
 * thread only and read by anyone.
 */
final class Subscription {

  final String id;
  final SubscribeRequest request;
  final DeliveryWorker worker;

  volatile long delivered;
  volatile long redelivered;
  volatile long deadLettered;
  volatile int inFlight;

  /** Opens after {@code subscriptions.breakerFailures} failed attempts in a row; null for {@code ack: none}. */
  final CircuitBreaker breaker;

  // Worker thread state.
  final Set<Delivery> outstanding = new LinkedHashSet<>();
  boolean leaving;
  long noHandlerSince;
  int noHandlerStreak;
  long pausedUntil;
  long nextProbeAt;
  /** The one delivery allowed while the circuit is half-open is out. */
  boolean trialOut;

  Subscription(String id, SubscribeRequest request, DeliveryWorker worker, CircuitBreaker breaker) {
    this.id = id;
    this.request = request;
    this.worker = worker;
    this.breaker = breaker;
  }

  String address() {
    return request.address();
  }

  boolean ackNone() {
    return request.ack() == SubscribeRequest.AckMode.NONE;
  }

  /** Can take one more delivery now (worker thread). */
  boolean canTake(long now) {
    return !leaving && now >= pausedUntil && (ackNone() || inFlight < request.maxInFlight()) && circuitAllows();
  }

  /** Closed: yes; open: no attempt at all; half-open: one trial at a time. */
  boolean circuitAllows() {
    if (breaker == null) {
      return true;
    }
    CircuitBreakerState state = breaker.state();
    return state == CircuitBreakerState.CLOSED || (state == CircuitBreakerState.HALF_OPEN && !trialOut);
  }

  /** Counted in the open-circuits gauge (open and half-open count; a re-open is not counted twice). */
  private final AtomicBoolean countedOpen = new AtomicBoolean();
  private BrokerMetrics metrics;

  /** Wires the breaker's state changes to the open-circuits gauge. */
  void countCircuitIn(BrokerMetrics gauge) {
    this.metrics = gauge;
    breaker.openHandler(v -> {
      if (countedOpen.compareAndSet(false, true)) {
        gauge.circuitOpened();
      }
    }).closeHandler(v -> {
      if (countedOpen.compareAndSet(true, false)) {
        gauge.circuitClosed();
      }
    });
  }

  /** The subscription ended: its breaker stops counting as open. */
  void closeCircuit() {
    if (breaker != null) {
      breaker.close();
      if (countedOpen.compareAndSet(true, false) && metrics != null) {
        metrics.circuitClosed();
      }
    }
  }

  /** {@code closed}, {@code open} or {@code half-open}, as {@code topicbus.subscriptions} reports it. */
  String circuit() {
    if (breaker == null) {
      return "closed";
    }
    return switch (breaker.state()) {
      case CLOSED -> "closed";
      case OPEN -> "open";
      case HALF_OPEN -> "half-open";
    };
  }
}
