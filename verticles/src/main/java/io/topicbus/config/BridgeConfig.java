package io.topicbus.config;

import java.util.List;

/** {@code bridge.*}: what browsers and HTTP clients may publish to and subscribe to. */
public record BridgeConfig(List<String> publishAllow, List<String> subscribeAllow, int maxSubscriptionsPerSocket) {
}
