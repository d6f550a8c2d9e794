package io.topicbus.client;

import io.vertx.core.Future;

/** A live subscription made by {@link TopicBusClient#subscribe}; {@link #unsubscribe()} ends it. */
public interface ClientSubscription {

  String id();

  /** The event bus address its deliveries arrive at. */
  String address();

  Future<Void> unsubscribe();
}
