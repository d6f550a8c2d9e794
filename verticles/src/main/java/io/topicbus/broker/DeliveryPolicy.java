package io.topicbus.broker;

import io.topicbus.config.SubscriptionsConfig;

/** The delivery settings every worker shares: retry backoff, idle detection, read sizes. */
record DeliveryPolicy(SubscriptionsConfig config, int subscriberQueue, int maxReadBytes) {

  /** Backoff before retry number {@code n} (1-based): starts at retryBackoffMs, doubles, capped at retryBackoffMaxMs. */
  long backoffMs(int n) {
    long base = config.retryBackoffMs();
    int shift = Math.min(Math.max(n - 1, 0), 30);
    return Math.min(base << shift, config.retryBackoffMaxMs());
  }

  /** How often an {@code ack: none} subscription checks that someone still listens. */
  long probeIntervalMs() {
    return Math.max(1000, config.idleTimeoutMs() / 4);
  }

  long probeTimeoutMs() {
    return Math.min(config.ackTimeoutMs(), 10_000);
  }
}
