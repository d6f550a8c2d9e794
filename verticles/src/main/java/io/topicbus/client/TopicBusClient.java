package io.topicbus.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * TopicBus for other verticles: publish, subscribe with a handler (acks handled), unsubscribe,
 * read. A thin typed layer over the event bus contract of SPEC section 3; works the same whether
 * the broker is in this JVM or on another node of the cluster. Failures are the broker's
 * {@code ReplyException}s, with their SPEC codes.
 */
public final class TopicBusClient {

  private final Vertx vertx;
  private final String prefix;
  private final DeliveryOptions requestOptions;

  private TopicBusClient(Vertx vertx, String prefix, long requestTimeoutMs) {
    this.vertx = vertx;
    this.prefix = prefix;
    this.requestOptions = new DeliveryOptions().setSendTimeout(requestTimeoutMs);
  }

  /** A client for the default prefix {@code topicbus}. */
  public static TopicBusClient create(Vertx vertx) {
    return create(vertx, "topicbus");
  }

  public static TopicBusClient create(Vertx vertx, String prefix) {
    return new TopicBusClient(vertx, prefix, 30_000);
  }

  public Future<PublishResult> publish(String topic, Object payload) {
    return publish(topic, payload, null);
  }

  public Future<PublishResult> publish(String topic, Object payload, PublishOptions options) {
    return request("publish", message(topic, payload, options)).map(PublishResult::fromJson);
  }

  /** Publishes several messages with one append per topic; each gets its own result or error, in order. */
  public Future<JsonArray> publishBatch(List<JsonObject> messages) {
    return request("publishBatch", new JsonObject().put("messages", new JsonArray(new ArrayList<>(messages))))
        .map(reply -> reply.getJsonArray("results"));
  }

  /** A message for {@link #publishBatch}. */
  public static JsonObject message(String topic, Object payload, PublishOptions options) {
    JsonObject message = new JsonObject().put("topic", topic).put("payload", payload);
    if (options != null) {
      options.writeTo(message);
    }
    return message;
  }

  /**
   * Subscribes with a handler whose future acks (success) or refuses (failure) each delivery; a
   * refused or unanswered delivery is retried by the broker and finally dead-lettered.
   */
  public Future<ClientSubscription> subscribe(String pattern, SubscribeOptions options,
                                              Function<Delivery, Future<?>> handler) {
    String address = prefix + ".client." + UUID.randomUUID();
    boolean ackNone = options.ackNone();
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, (Message<Object> message) -> {
      Future<?> outcome;
      try {
        outcome = handler.apply(Delivery.fromJson((JsonObject) message.body()));
      } catch (RuntimeException e) {
        outcome = Future.failedFuture(e);
      }
      if (ackNone || message.replyAddress() == null) {
        return;
      }
      (outcome == null ? Future.succeededFuture() : outcome).onComplete(ar -> {
        if (ar.succeeded()) {
          message.reply(new JsonObject());
        } else {
          String reason = ar.cause().getMessage();
          message.fail(500, reason == null ? ar.cause().getClass().getSimpleName() : reason);
        }
      });
    });
    return consumer.completion()
        .compose(v -> request("subscribe", options.toRequest(pattern, address)))
        .<ClientSubscription>map(reply -> new Live(reply.getString("subscriptionId"), address, consumer))
        .recover(e -> consumer.unregister().transform(x -> Future.failedFuture(e)));
  }

  /** Like {@link #subscribe(String, SubscribeOptions, Function)} for a handler that acks by returning and refuses by throwing. */
  public Future<ClientSubscription> subscribe(String pattern, SubscribeOptions options, Consumer<Delivery> handler) {
    return subscribe(pattern, options, delivery -> {
      handler.accept(delivery);
      return Future.succeededFuture();
    });
  }

  public Future<Void> unsubscribe(String subscriptionId) {
    return request("unsubscribe", new JsonObject().put("subscriptionId", subscriptionId)).mapEmpty();
  }

  /** Reads from the log: {@code from} is "earliest", "latest", {"offset": n} or {"timestamp": ms}. */
  public Future<JsonObject> read(String topic, Object from, int limit) {
    JsonObject request = new JsonObject().put("topic", topic).put("limit", limit);
    if (from != null) {
      request.put("from", from);
    }
    return request("read", request);
  }

  public Future<JsonObject> topics() {
    return request("topics", new JsonObject());
  }

  public Future<JsonObject> subscriptions() {
    return request("subscriptions", new JsonObject());
  }

  private Future<JsonObject> request(String operation, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(prefix + "." + operation, body, requestOptions).map(Message::body);
  }

  private final class Live implements ClientSubscription {

    private final String id;
    private final String address;
    private final MessageConsumer<Object> consumer;

    Live(String id, String address, MessageConsumer<Object> consumer) {
      this.id = id;
      this.address = address;
      this.consumer = consumer;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String address() {
      return address;
    }

    @Override
    public Future<Void> unsubscribe() {
      return TopicBusClient.this.unsubscribe(id).eventually(consumer::unregister);
    }
  }
}
