package io.topicbus.web;

import io.topicbus.config.TopicBusConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bridge's bounds always meet the SPEC's minimums, whatever the configuration. */
class BridgeLimitsTest {

  @Test
  void theDefaultsMeetTheSpec() {
    BridgeLimits limits = BridgeLimits.from(TopicBusConfig.defaults());
    int max = TopicBusConfig.defaults().limits.maxMessageBytes();
    assertThat(limits.maxFrameBytes()).isGreaterThanOrEqualTo(2 * max);
    assertThat(limits.webSocketMaxBytes()).isGreaterThanOrEqualTo(2 * max).isGreaterThan(limits.maxFrameBytes());
    assertThat(limits.replyWindowMs()).as("the largest ackTimeoutMs").isGreaterThanOrEqualTo(300_000);
    assertThat(limits.maxHandlersPerSocket()).isGreaterThanOrEqualTo(1000);
    assertThat(limits.maxSubscriptionsPerSocket()).isEqualTo(100);
  }

  @Test
  void theHandlerCapLeavesRoomForEveryPermittedSubscription() {
    BridgeLimits limits = BridgeLimits.from(TopicBusConfig.defaults().with(new JsonObject().put("bridge.maxSubscriptionsPerSocket", 5000)));
    assertThat(limits.maxHandlersPerSocket()).isGreaterThan(2 * 5000);
  }

  @Test
  void hugeMessageLimitsDoNotOverflow() {
    BridgeLimits limits = BridgeLimits.from(TopicBusConfig.defaults().with(new JsonObject().put("limits.maxMessageBytes", 67_108_864)));
    assertThat(limits.maxFrameBytes()).isEqualTo(2 * 67_108_864);
    assertThat(limits.webSocketMaxBytes()).isPositive().isGreaterThan(limits.maxFrameBytes());
  }
}
