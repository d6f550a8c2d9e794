package io.topicbus.broker;

import io.topicbus.api.Failure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The broker running in this Vert.x instance, for services deployed beside it (the inventory, which
 * SPEC section 9 puts on the broker's node). {@link #publishBatch} is exactly the
 * {@code topicbus.publishBatch} request (same validation, same answers, same refusals while shutting
 * down), run on the broker's event loop without the event bus in between: no copy of the batch or
 * of its results, no reply handler, no timer. The messages must not be changed afterwards (the
 * broker stores their payloads as they are). Anything running elsewhere uses the event bus.
 */
public final class LocalBroker {

  private static final Map<Vertx, LocalBroker> BROKERS = new ConcurrentHashMap<>();

  private final Context context;
  private final Function<JsonObject, Future<JsonObject>> publishBatch;

  private LocalBroker(Context context, Function<JsonObject, Future<JsonObject>> publishBatch) {
    this.context = context;
    this.publishBatch = publishBatch;
  }

  /** The broker of {@code vertx}, or null when none runs in this JVM's instance. */
  public static LocalBroker of(Vertx vertx) {
    return BROKERS.get(vertx);
  }

  static void register(Vertx vertx, Context context, Function<JsonObject, Future<JsonObject>> publishBatch) {
    BROKERS.put(vertx, new LocalBroker(context, publishBatch));
  }

  static void unregister(Vertx vertx) {
    BROKERS.remove(vertx);
  }

  /** The {@code results} of a {@code publishBatch} of {@code messages}; completes on the caller's context. */
  public Future<JsonArray> publishBatch(JsonArray messages) {
    ContextInternal caller = ContextInternal.current();
    Promise<JsonObject> promise = caller != null ? caller.promise() : Promise.promise();
    context.runOnContext(v -> {
      try {
        publishBatch.apply(new JsonObject().put("messages", messages)).onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(Failure.of(e));
      }
    });
    return promise.future().map(reply -> reply.getJsonArray("results"));
  }
}
