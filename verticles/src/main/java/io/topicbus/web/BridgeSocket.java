package io.topicbus.web;

import io.topicbus.api.Failure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One browser connection to the bridge: reads its frames, applies the {@link BridgeRules}, forwards
 * what is permitted and answers everything else. It holds the socket's inboxes (owned from the first
 * register until close), the subscriptions made through it (learnt from the broker's replies, ended
 * when it closes) and the deliveries awaiting its replies ({@link PendingReplies}).
 *
 * <p>Frames are handled strictly in arrival order: a frame that needs an asynchronous decision (a
 * register claiming its inbox in the cluster-wide map) pauses the socket, and later frames wait, so
 * a subscribe sent right after its register always sees the inbox as owned. All state is touched on
 * the HTTP verticle's event loop only. No frame makes it throw or leaves it unanswered when it was
 * refused: refusals go to the frame's reply address when it has one, else as an {@code err} frame.
 */
final class BridgeSocket implements BridgeRules.Holdings {

  private static final Logger log = LoggerFactory.getLogger(BridgeSocket.class);

  private final Bridge bridge;
  private final SockJSSocket socket;
  final String id = UUID.randomUUID().toString();

  private final Map<String, MessageConsumer<Object>> registered = new HashMap<>();
  private final Set<String> owned = new HashSet<>();
  private final Set<String> subscriptions = new HashSet<>();
  private final PendingReplies deliveries = new PendingReplies();
  private int pendingSubscribes;
  private int pendingRequests;

  private final ArrayDeque<Buffer> waiting = new ArrayDeque<>();
  private boolean busy;
  private boolean closed;
  private long lastSeen = System.currentTimeMillis();

  BridgeSocket(Bridge bridge, SockJSSocket socket) {
    this.bridge = bridge;
    this.socket = socket;
  }

  void start() {
    socket.handler(this::onData);
    socket.exceptionHandler(e -> log.debug("bridge socket " + id + ": " + e.getMessage()));
    socket.closeHandler(v -> closed());
  }

  // ---- holdings, as the rules see them ----

  @Override
  public boolean ownsInbox(String inbox) {
    return owned.contains(inbox);
  }

  @Override
  public boolean holdsSubscription(String subscriptionId) {
    return subscriptions.contains(subscriptionId);
  }

  @Override
  public int subscriptions() {
    return subscriptions.size() + pendingSubscribes;
  }

  @Override
  public int handlers() {
    return registered.size() + pendingRequests;
  }

  // ---- frames in arrival order ----

  private void onData(Buffer data) {
    waiting.add(data);
    drain();
  }

  private void drain() {
    Buffer next;
    while (!busy && (next = waiting.poll()) != null) {
      Future<Void> done = handleSafely(next);
      if (!done.isComplete()) {
        busy = true;
        socket.pause();
        done.onComplete(ar -> {
          busy = false;
          socket.resume();
          drain();
        });
      }
    }
  }

  private Future<Void> handleSafely(Buffer data) {
    lastSeen = System.currentTimeMillis();
    try {
      return handle(data);
    } catch (RuntimeException e) {
      log.error("bridge socket " + id + ": frame handling failed", e);
      write(Frames.error("internal_error", Failure.internal("the bridge failed on this frame: " + e.getMessage())));
      return Future.succeededFuture();
    }
  }

  private Future<Void> handle(Buffer data) {
    if (closed) {
      return Future.succeededFuture();
    }
    if (data.length() > bridge.limits.maxFrameBytes()) {
      refuseOversized(data);
      return Future.succeededFuture();
    }
    Frame frame;
    try {
      frame = Frame.parse(data, bridge.limits.maxAddressChars());
    } catch (Frame.Malformed bad) {
      answerMalformed(bad);
      return Future.succeededFuture();
    }
    return switch (frame.type()) {
      case PING -> Future.succeededFuture();
      case REGISTER -> register(frame);
      case UNREGISTER -> unregister(frame);
      case SEND, PUBLISH -> send(frame);
    };
  }

  // ---- send and publish: replies to own deliveries, or requests to a service ----

  /** Both kinds go point to point: the services are request handlers, so broadcasting to them means nothing. */
  private Future<Void> send(Frame frame) {
    Message<Object> delivery = deliveries.take(frame.address());
    if (delivery != null) {
      replyToDelivery(delivery, frame);
      return Future.succeededFuture();
    }
    Failure refusal = bridge.rules.checkSend(frame.address(), frame.body(), this);
    if (refusal != null) {
      refuse(frame, refusal);
      return Future.succeededFuture();
    }
    if (bridge.rules.isBatch(frame.address()) && frame.body() instanceof JsonObject body
        && body.getValue("messages") instanceof JsonArray messages && !messages.isEmpty() && messages.size() <= 1000) {
      Permissions.Batch batch = bridge.permissions.split(messages);
      if (batch.anyRefused()) {
        if (batch.allowed().isEmpty()) {
          answer(frame, Future.succeededFuture(batch.merge(null)));
        } else {
          answer(frame, forward(frame, body.copy().put("messages", batch.allowed())).map(batch::merge));
        }
        return Future.succeededFuture();
      }
    }
    answer(frame, forward(frame, frame.body()));
    return Future.succeededFuture();
  }

  /** Forwards a permitted request to its service; keeps the socket's ledger of subscriptions and pending requests. */
  private Future<JsonObject> forward(Frame frame, Object body) {
    boolean subscribe = bridge.rules.isSubscribe(frame.address());
    boolean unsubscribe = bridge.rules.isUnsubscribe(frame.address());
    pendingRequests++;
    if (subscribe) {
      pendingSubscribes++;
    }
    long since = System.currentTimeMillis();
    Future<JsonObject> outcome = bridge.services.request(frame.address(), body, frame.eventBusHeaders())
        .map(reply -> {
          if (subscribe) {
            adopt(reply.getString("subscriptionId"));
            // Lets topicbus.js resume a subscription that got nothing yet from this moment after a reconnect.
            reply.put("since", since);
          }
          if (unsubscribe) {
            subscriptions.remove(reply.getString("subscriptionId"));
          }
          return reply;
        })
        .onFailure(e -> {
          if (unsubscribe && Failure.of(e).code() == Failure.NOT_FOUND && body instanceof JsonObject json) {
            subscriptions.remove(json.getString("subscriptionId"));
          }
        })
        .onComplete(ar -> {
          pendingRequests--;
          if (subscribe) {
            pendingSubscribes--;
          }
        });
    return outcome;
  }

  /** A subscription the broker made for this socket; ended at once if the socket closed meanwhile. */
  private void adopt(String subscriptionId) {
    if (subscriptionId == null) {
      return;
    }
    if (closed) {
      bridge.endSubscription(subscriptionId);
    } else {
      subscriptions.add(subscriptionId);
    }
  }

  private void answer(Frame frame, Future<JsonObject> outcome) {
    outcome.onComplete(ar -> {
      if (closed) {
        return;
      }
      if (ar.succeeded()) {
        if (frame.replyAddress() != null) {
          write(Frames.rec(frame.replyAddress(), ar.result(), null, null));
        }
      } else {
        Failure failure = Failure.of(ar.cause());
        if (frame.replyAddress() != null) {
          write(Frames.failure(frame.replyAddress(), failure, Frames.RECIPIENT_FAILURE));
        } else {
          // Nobody asked for the answer, but a failure is never dropped silently.
          write(Frames.error("request_failed", failure));
        }
      }
    });
  }

  private void replyToDelivery(Message<Object> delivery, Frame frame) {
    DeliveryOptions options = new DeliveryOptions();
    if (frame.eventBusHeaders() != null) {
      options.setHeaders(frame.eventBusHeaders());
    }
    if (frame.replyAddress() == null) {
      delivery.reply(frame.body(), options);
      return;
    }
    options.setSendTimeout(bridge.limits.replyWindowMs());
    delivery.replyAndRequest(frame.body(), options).onComplete(ar -> {
      if (closed) {
        return;
      }
      if (ar.succeeded()) {
        deliver(frame.replyAddress(), ar.result());
      } else {
        write(Frames.failure(frame.replyAddress(), Failure.of(ar.cause()), Frames.failureType(ar.cause())));
      }
    });
  }

  // ---- register and unregister: the socket's inboxes ----

  private Future<Void> register(Frame frame) {
    String inbox = frame.address();
    Failure refusal = bridge.rules.checkRegister(inbox, this);
    if (refusal != null) {
      refuse(frame, refusal);
      return Future.succeededFuture();
    }
    if (registered.containsKey(inbox)) {
      return Future.succeededFuture();
    }
    if (owned.contains(inbox)) {
      listen(inbox);
      return Future.succeededFuture();
    }
    return bridge.inboxes.claim(inbox, id).transform(ar -> {
      if (closed) {
        if (ar.succeeded() && ar.result()) {
          bridge.inboxes.release(inbox, id);
        }
      } else if (ar.failed()) {
        refuse(frame, Failure.unavailable("cannot claim inbox " + inbox + ": " + ar.cause().getMessage()));
      } else if (!ar.result()) {
        refuse(frame, Failure.forbidden("inbox " + inbox + " belongs to another socket"));
      } else {
        owned.add(inbox);
        listen(inbox);
      }
      return Future.succeededFuture();
    });
  }

  private void listen(String inbox) {
    registered.put(inbox, bridge.vertx.eventBus().consumer(inbox, (Message<Object> message) -> deliver(inbox, message)));
  }

  /** Stops listening; the inbox stays this socket's until it closes, so nobody else can take over its deliveries. */
  private Future<Void> unregister(Frame frame) {
    MessageConsumer<Object> consumer = registered.remove(frame.address());
    if (consumer != null) {
      consumer.unregister();
    } else if (!owned.contains(frame.address())) {
      refuse(frame, Failure.forbidden("inbox " + frame.address() + " is not registered by this socket"));
    }
    return Future.succeededFuture();
  }

  // ---- deliveries to the browser ----

  private void deliver(String address, Message<Object> message) {
    boolean wantsReply = message.replyAddress() != null;
    if (closed) {
      return;
    }
    if (socket.writeQueueFull()) {
      // A browser that cannot keep up refuses the delivery instead of growing the write queue without bound;
      // the broker retries it with its backoff.
      bridge.metrics.congested();
      if (wantsReply) {
        message.fail(Failure.UNAVAILABLE, "browser is not keeping up");
      }
      return;
    }
    String replyId = wantsReply ? deliveries.add(message, System.currentTimeMillis()) : null;
    bridge.metrics.delivered();
    write(Frames.rec(address, message.body(), message.headers(), replyId));
  }

  // ---- answers ----

  private void refuse(Frame frame, Failure failure) {
    bridge.metrics.refused(failure.code());
    boolean registration = frame.type() == Frame.Type.REGISTER || frame.type() == Frame.Type.UNREGISTER;
    if (frame.replyAddress() != null) {
      write(Frames.failure(frame.replyAddress(), failure, Frames.RECIPIENT_FAILURE));
    } else if (registration) {
      // The official client routes an err frame with the address to the handlers registered there.
      write(Frames.failure(frame.address(), failure, Frames.RECIPIENT_FAILURE));
    } else {
      write(Frames.error(failure.code() == Failure.FORBIDDEN ? "access_denied" : "rejected", failure));
    }
  }

  private void answerMalformed(Frame.Malformed bad) {
    bridge.metrics.refused(Failure.BAD_REQUEST);
    if (bad.answerTo != null) {
      write(Frames.failure(bad.answerTo, bad.failure(), Frames.RECIPIENT_FAILURE));
    } else {
      write(Frames.error(bad.reason, bad.failure()));
    }
  }

  /** The frame is read already (it is within the WebSocket limit); its reply address, if any, gets the 413. */
  private void refuseOversized(Buffer data) {
    Failure failure = Failure.tooLarge("frame is " + data.length() + " bytes; the bridge accepts at most "
        + bridge.limits.maxFrameBytes() + " (twice limits.maxMessageBytes)");
    bridge.metrics.refused(Failure.TOO_LARGE);
    String replyAddress = null;
    try {
      replyAddress = Frame.parse(data, bridge.limits.maxAddressChars()).replyAddress();
    } catch (Frame.Malformed ignored) {
      // No usable reply address: the address-less err frame below is the answer.
    }
    write(replyAddress != null ? Frames.failure(replyAddress, failure, Frames.RECIPIENT_FAILURE)
        : Frames.error("too_large", failure));
  }

  private void write(String frame) {
    if (!closed) {
      socket.write(frame);
    }
  }

  // ---- lifetime ----

  /** Closes an idle socket and forgets deliveries whose sender has stopped waiting. */
  void sweep(long now) {
    if (now - lastSeen > bridge.limits.idleTimeoutMs()) {
      log.debug("bridge socket " + id + " idle for " + (now - lastSeen) + " ms, closing");
      socket.close();
      return;
    }
    deliveries.expire(now - bridge.limits.replyWindowMs());
  }

  void close() {
    socket.close();
  }

  /** Ends everything the socket held: inboxes, their ownership, and its subscriptions (SPEC section 3). */
  private void closed() {
    if (closed) {
      return;
    }
    closed = true;
    registered.values().forEach(MessageConsumer::unregister);
    registered.clear();
    owned.forEach(inbox -> bridge.inboxes.release(inbox, id));
    owned.clear();
    subscriptions.forEach(bridge::endSubscription);
    subscriptions.clear();
    deliveries.clear();
    waiting.clear();
    bridge.forget(this);
  }
}
