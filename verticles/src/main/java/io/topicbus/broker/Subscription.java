package io.topicbus.broker;

import java.util.LinkedHashSet;
import java.util.Set;

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

  // Worker thread state.
  final Set<Delivery> outstanding = new LinkedHashSet<>();
  boolean leaving;
  long noHandlerSince;
  int noHandlerStreak;
  long pausedUntil;
  long nextProbeAt;

  Subscription(String id, SubscribeRequest request, DeliveryWorker worker) {
    this.id = id;
    this.request = request;
    this.worker = worker;
  }

  String address() {
    return request.address();
  }

  boolean ackNone() {
    return request.ack() == SubscribeRequest.AckMode.NONE;
  }

  /** Can take one more delivery now (worker thread). */
  boolean canTake(long now) {
    return !leaving && now >= pausedUntil && (ackNone() || inFlight < request.maxInFlight());
  }
}
