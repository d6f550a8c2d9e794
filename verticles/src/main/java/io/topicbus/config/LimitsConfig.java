package io.topicbus.config;

/** {@code limits.*}: the bounds past which requests get 413 or 429. */
public record LimitsConfig(int maxMessageBytes, int maxTopics, int maxSubscriptions, int subscriberQueue) {
}
