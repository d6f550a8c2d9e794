package io.topicbus.config;

/** {@code subscriptions.*}: delivery defaults (a subscribe may override attempts and ack timeout). */
public record SubscriptionsConfig(long idleTimeoutMs, int ackTimeoutMs, int maxAttempts, int retryBackoffMs,
                                  int retryBackoffMaxMs, int breakerFailures, int breakerResetMs) {
}
