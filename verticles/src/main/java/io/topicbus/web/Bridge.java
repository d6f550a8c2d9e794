package io.topicbus.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * The SockJS event bus bridge at {@code /eventbus} (SPEC section 5). It speaks the wire protocol of
 * Vert.x's own bridge, so the official client {@code @vertx/eventbus-bridge-client.js} works
 * unchanged, but it is TopicBus's own implementation over {@code SockJSHandler.socketHandler}: the
 * stock bridge keeps pending replies in one table shared by all sockets (any socket may answer any
 * delivery), lets any socket register any permitted address, answers refusals with address-less
 * frames the official client cannot route, reports an absent service as code -1 instead of 503, and
 * sets a timer per delivery for the whole reply window; closing those holes from its event hook
 * alone is not possible. Each connection is a {@link BridgeSocket}; the decisions are
 * {@link BridgeRules}. One sweep timer closes idle sockets and expires stale delivery replies.
 */
final class Bridge implements Handler<SockJSSocket> {

  private static final Logger log = LoggerFactory.getLogger(Bridge.class);
  private static final long SWEEP_MS = 1_000;

  final Vertx vertx;
  final Services services;
  final Permissions permissions;
  final BridgeRules rules;
  final Inboxes inboxes;
  final BridgeLimits limits;
  final WebMetrics metrics;
  private final Set<BridgeSocket> sockets = new HashSet<>();
  private final long sweepTimer;

  Bridge(Vertx vertx, Services services, Permissions permissions, Inboxes inboxes, BridgeLimits limits, WebMetrics metrics) {
    this.vertx = vertx;
    this.services = services;
    this.permissions = permissions;
    this.rules = new BridgeRules(services, permissions, limits);
    this.inboxes = inboxes;
    this.limits = limits;
    this.metrics = metrics;
    sweepTimer = vertx.setPeriodic(Math.min(SWEEP_MS, Math.max(10, limits.idleTimeoutMs() / 4)), t -> sweep());
  }

  @Override
  public void handle(SockJSSocket socket) {
    BridgeSocket bridgeSocket = new BridgeSocket(this, socket);
    sockets.add(bridgeSocket);
    metrics.socketOpened();
    bridgeSocket.start();
  }

  /** Called once by a socket that closed, after it released everything it held. */
  void forget(BridgeSocket socket) {
    if (sockets.remove(socket)) {
      metrics.socketClosed();
    }
  }

  /** Unsubscribes a subscription whose socket is gone; the broker's idle removal is the backstop if this fails. */
  void endSubscription(String subscriptionId) {
    services.request(services.topicbus("unsubscribe"), new JsonObject().put("subscriptionId", subscriptionId))
        .onFailure(e -> log.debug("could not end subscription " + subscriptionId + " of a closed socket: " + e.getMessage()));
  }

  int socketCount() {
    return sockets.size();
  }

  /** Closes every socket (shutdown); each ends its subscriptions as it closes. */
  void closeAll() {
    vertx.cancelTimer(sweepTimer);
    new ArrayList<>(sockets).forEach(BridgeSocket::close);
  }

  private void sweep() {
    long now = System.currentTimeMillis();
    new ArrayList<>(sockets).forEach(s -> s.sweep(now));
  }
}
