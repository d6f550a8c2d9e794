package io.topicbus.web;

import io.topicbus.api.Failure;
import io.topicbus.topic.Pattern;
import io.topicbus.topic.TopicName;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * The bridge rules of SPEC section 5 as decisions, kept apart from the socket plumbing so each can be
 * read and tested on its own. A check answers null when the frame may proceed, else the failure
 * (403, 429) to answer it with. A socket's own holdings (inboxes, subscriptions, handlers in use)
 * come from {@link Holdings}, so no socket can name what another holds. Invalid names and bodies are
 * let through to the service, whose 400 names the field: the rules only refuse what is well-formed
 * but not permitted.
 */
final class BridgeRules {

  /** What one socket holds, as the rules need to see it. */
  interface Holdings {
    boolean ownsInbox(String inbox);

    boolean holdsSubscription(String subscriptionId);

    /** Subscriptions held plus subscribes still waiting for the broker's reply. */
    int subscriptions();

    /** Registered inboxes plus requests waiting for their reply. */
    int handlers();
  }

  private final Set<String> services;
  private final String clientPrefix;
  private final String publish;
  private final String publishBatch;
  private final String subscribe;
  private final String unsubscribe;
  private final String read;
  private final Permissions permissions;
  private final BridgeLimits limits;

  BridgeRules(Services addresses, Permissions permissions, BridgeLimits limits) {
    this.services = Set.copyOf(addresses.bridgeAddresses());
    this.clientPrefix = addresses.clientPrefix();
    this.publish = addresses.topicbus("publish");
    this.publishBatch = addresses.topicbus("publishBatch");
    this.subscribe = addresses.topicbus("subscribe");
    this.unsubscribe = addresses.topicbus("unsubscribe");
    this.read = addresses.topicbus("read");
    this.permissions = permissions;
    this.limits = limits;
  }

  /** A send or publish to a service address (replies to the socket's own deliveries are handled before). */
  Failure checkSend(String address, Object body, Holdings socket) {
    if (!services.contains(address)) {
      return Failure.forbidden("address " + address + " is not open to browsers");
    }
    if (socket.handlers() >= limits.maxHandlersPerSocket()) {
      return Failure.tooMany("too many pending requests and inboxes on this socket (max " + limits.maxHandlersPerSocket() + ")");
    }
    JsonObject request = body instanceof JsonObject json ? json : null;
    if (request == null) {
      return null;
    }
    if (address.equals(publish)) {
      return permissions.publishRefusal(request);
    }
    if (address.equals(subscribe)) {
      return checkSubscribe(request, socket);
    }
    if (address.equals(unsubscribe)) {
      if (request.getValue("subscriptionId") instanceof String id && !socket.holdsSubscription(id)) {
        return Failure.forbidden("no subscription " + id + " on this socket");
      }
      return null;
    }
    if (address.equals(read) && request.getValue("topic") instanceof String topic && TopicName.isValid(topic)) {
      return permissions.readRefusal(topic);
    }
    return null;
  }

  /** Ownership first (a socket learns nothing of others), then the ACL, then the cap. */
  private Failure checkSubscribe(JsonObject request, Holdings socket) {
    if (request.getValue("address") instanceof String inbox && !socket.ownsInbox(inbox)) {
      return Failure.forbidden("inbox " + inbox + " is not registered by this socket");
    }
    if (request.getValue("pattern") instanceof String pattern && Pattern.problem(pattern) == null) {
      Failure refusal = permissions.subscribeRefusal(pattern);
      if (refusal != null) {
        return refusal;
      }
    }
    if (socket.subscriptions() >= limits.maxSubscriptionsPerSocket()) {
      return Failure.tooMany("too many subscriptions on this socket (bridge.maxSubscriptionsPerSocket is "
          + limits.maxSubscriptionsPerSocket() + ")");
    }
    return null;
  }

  /** Only inboxes under {@code <prefix>.client.} reach browsers; the owner check follows (see {@link Inboxes}). */
  Failure checkRegister(String address, Holdings socket) {
    if (!address.startsWith(clientPrefix) || address.length() == clientPrefix.length()) {
      return Failure.forbidden("only addresses under " + clientPrefix + " can be registered");
    }
    if (socket.handlers() >= limits.maxHandlersPerSocket()) {
      return Failure.tooMany("too many inboxes and pending requests on this socket (max " + limits.maxHandlersPerSocket() + ")");
    }
    return null;
  }

  boolean isBatch(String address) {
    return address.equals(publishBatch);
  }

  boolean isSubscribe(String address) {
    return address.equals(subscribe);
  }

  boolean isUnsubscribe(String address) {
    return address.equals(unsubscribe);
  }
}
