package io.topicbus.web;

import io.topicbus.config.TopicBusConfig;

/**
 * The bridge's bounds (SPEC section 5), derived from the configuration so that they always satisfy
 * the SPEC's minimums: a request frame up to twice {@code limits.maxMessageBytes} is read and judged
 * (a bigger one gets a 413 reply); WebSocket frames and messages are accepted up to four times that,
 * so even a SockJS-escaped oversized request is answered instead of dropping the socket; a
 * delivery's reply is accepted for longer than the largest {@code ackTimeoutMs}; the handler cap
 * leaves room for an inbox and a pending request per permitted subscription.
 *
 * @param maxFrameBytes         frames above this get a 413
 * @param webSocketMaxBytes     WebSocket frame and message limit of the HTTP server
 * @param replyWindowMs         how long a delivery may wait for the browser's reply
 * @param idleTimeoutMs         a socket that sends nothing (not even a ping) for this long is closed
 * @param maxHandlersPerSocket  registered inboxes plus pending requests of one socket (429 beyond)
 * @param maxSubscriptionsPerSocket {@code bridge.maxSubscriptionsPerSocket} (429 beyond)
 * @param maxAddressChars       longest address or reply address a frame may carry
 */
record BridgeLimits(int maxFrameBytes, int webSocketMaxBytes, long replyWindowMs, long idleTimeoutMs,
                    int maxHandlersPerSocket, int maxSubscriptionsPerSocket, int maxAddressChars) {

  /** The largest {@code ackTimeoutMs} a subscribe accepts (SPEC section 3). */
  static final long MAX_ACK_TIMEOUT_MS = 300_000;
  /** The SPEC's floor for the handler cap. */
  static final int MIN_HANDLERS_PER_SOCKET = 1000;
  /** The official client and topicbus.js ping every 5 s; a minute of silence means the peer is gone. */
  static final long IDLE_TIMEOUT_MS = 60_000;
  static final int MAX_ADDRESS_CHARS = 256;

  static BridgeLimits from(TopicBusConfig config) {
    long max = config.limits.maxMessageBytes();
    int subscriptions = config.bridge.maxSubscriptionsPerSocket();
    return new BridgeLimits(
        saturated(2 * max),
        saturated(4 * max + 64 * 1024),
        MAX_ACK_TIMEOUT_MS + 10_000,
        IDLE_TIMEOUT_MS,
        Math.max(MIN_HANDLERS_PER_SOCKET, 2 * subscriptions + 10),
        subscriptions,
        MAX_ADDRESS_CHARS);
  }

  /** A copy with another idle timeout and reply window (tests that cannot wait minutes). */
  BridgeLimits withTimeouts(long idleTimeoutMs, long replyWindowMs) {
    return new BridgeLimits(maxFrameBytes, webSocketMaxBytes, replyWindowMs, idleTimeoutMs, maxHandlersPerSocket,
        maxSubscriptionsPerSocket, maxAddressChars);
  }

  private static int saturated(long value) {
    return (int) Math.min(Integer.MAX_VALUE - 1024, value);
  }
}
