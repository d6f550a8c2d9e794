package io.topicbus.client;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * TopicBus for other verticles: publish, subscribe with a handler (acks handled), unsubscribe,
 * read. A thin typed layer over the event bus contract of SPEC section 3; works the same whether
 * the broker is in this JVM or on another node of the cluster. Failures are the broker's
 * {@code ReplyException}s, with their SPEC codes. While the broker is unreachable the client fails
 * fast with 503 instead of queueing, and finds its way back by itself (a circuit breaker). Publishes
 * are pipelined and, under load, batched ({@link PublishPipeline}). Thread-safe.
 */
public final class TopicBusClient {

  private final Vertx vertx;
  private final String prefix;
  private final DeliveryOptions requestOptions;
  private final CircuitBreaker breaker;
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();
  private final PublishPipeline publishes;

  private TopicBusClient(Vertx vertx, ClientOptions options) {
    this.vertx = vertx;
    this.prefix = options.getPrefix();
    this.requestOptions = new DeliveryOptions().setSendTimeout(options.getRequestTimeoutMs());
    this.maxPending = options.getMaxPendingRequests();
    this.breaker = CircuitBreaker.create("topicbus-client", vertx, new CircuitBreakerOptions()
            .setMaxFailures(options.getBreakerFailures())
            .setResetTimeout(options.getBreakerResetMs())
            .setTimeout(-1)
            .setNotificationAddress(null))
        .failurePolicy(TopicBusClient::brokerUnreachable);
    this.publishes = new PublishPipeline(vertx, options.getBatchSize(), options.getLingerMs(),
        options.getMaxInFlightPublishes(), this::sendPublishes);
  }

  /** A client for the default prefix {@code topicbus}. */
  public static TopicBusClient create(Vertx vertx) {
    return create(vertx, new ClientOptions());
  }

  public static TopicBusClient create(Vertx vertx, String prefix) {
    return create(vertx, new ClientOptions().setPrefix(prefix));
  }

  public static TopicBusClient create(Vertx vertx, ClientOptions options) {
    return new TopicBusClient(vertx, options);
  }

  public Future<PublishResult> publish(String topic, Object payload) {
    return publish(topic, payload, null);
  }

  public Future<PublishResult> publish(String topic, Object payload, PublishOptions options) {
    if (!admit()) {
      return Future.failedFuture(tooManyPending());
    }
    return publishes.publish(message(topic, payload, options)).andThen(ar -> pending.decrementAndGet())
        .map(PublishResult::fromJson);
  }

  /** One publish goes as {@code publish}, more as one {@code publishBatch}; each gets its own result or error. */
  private Future<Void> sendPublishes(List<JsonObject> messages, List<Promise<JsonObject>> promises) {
    if (messages.size() == 1) {
      return guarded("publish", messages.get(0)).andThen(promises.get(0)).mapEmpty();
    }
    return guarded("publishBatch", new JsonObject().put("messages", new JsonArray(new ArrayList<>(messages))))
        .andThen(ar -> {
          if (ar.failed()) {
            promises.forEach(p -> p.fail(ar.cause()));
            return;
          }
          JsonArray results = ar.result().getJsonArray("results");
          for (int i = 0; i < promises.size(); i++) {
            JsonObject result = results.getJsonObject(i);
            JsonObject error = result.getJsonObject("error");
            if (error == null) {
              promises.get(i).complete(result);
            } else {
              promises.get(i).fail(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, error.getInteger("code"),
                  error.getString("message")));
            }
          }
        }).mapEmpty();
  }

  /** Sends the publishes waiting for a batch now. */
  public void flush() {
    publishes.flush();
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
    if (!admit()) {
      return Future.failedFuture(tooManyPending());
    }
    return guarded(operation, body).andThen(ar -> pending.decrementAndGet());
  }

  private boolean admit() {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      return false;
    }
    return true;
  }

  private ReplyException tooManyPending() {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 429,
        "too many requests waiting for the broker (" + maxPending + ")");
  }

  /** A request through the breaker: while it is open, a 503 at once instead of another wait. */
  private Future<JsonObject> guarded(String operation, JsonObject body) {
    return breaker.<JsonObject>executeWithFallback(
            () -> vertx.eventBus().<JsonObject>request(prefix + "." + operation, body, requestOptions)
                .<JsonObject>map(Message::body)
                .recover(TopicBusClient::unreachableAs503),
            error -> {
              throw error instanceof OpenCircuitException
                  ? new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503, "broker unreachable (failing fast)")
                  : error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
            });
  }

  /** Nobody listening or no answer in time: the broker is unreachable, which the SPEC reports as 503. */
  private static Future<JsonObject> unreachableAs503(Throwable error) {
    if (error instanceof ReplyException reply
        && (reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureType() == ReplyFailure.TIMEOUT)) {
      return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503,
          "broker unreachable (" + (reply.failureType() == ReplyFailure.TIMEOUT ? "no answer in time" : "no handler")
              + ")"));
    }
    return Future.failedFuture(error);
  }

  /** Only "nobody answers" counts against the breaker; a 400 or a 409 is the broker answering. */
  private static boolean brokerUnreachable(Future<?> outcome) {
    if (outcome.succeeded()) {
      return false;
    }
    if (outcome.cause() instanceof ReplyException reply) {
      return reply.failureCode() == 503;
    }
    return true;
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
