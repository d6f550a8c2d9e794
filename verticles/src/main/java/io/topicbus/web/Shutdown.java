package io.topicbus.web;

import io.topicbus.api.Failure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of shutdown (SPEC section 7): once it begins, new requests get 503 (and {@code /health}
 * reports DOWN) while requests already in flight, such as a publish waiting for its fsync, finish,
 * for at most the grace period. Long-lived bridge connections are not counted: the bridge closes them.
 */
final class Shutdown {

  private static final long POLL_MS = 20;

  private final String uncountedPrefix;
  private volatile boolean closing;
  private final AtomicInteger inFlight = new AtomicInteger();

  /** @param uncountedPrefix paths of long-lived connections (the bridge), refused but not waited for */
  Shutdown(String uncountedPrefix) {
    this.uncountedPrefix = uncountedPrefix;
  }

  boolean closing() {
    return closing;
  }

  /** Refuses requests once closing; counts the others until their response ends or the connection drops. */
  Handler<RoutingContext> gate() {
    return ctx -> {
      if (closing) {
        HttpErrors.send(ctx, Failure.unavailable("shutting down"));
        return;
      }
      if (!ctx.request().path().startsWith(uncountedPrefix)) {
        inFlight.incrementAndGet();
        ctx.addEndHandler(v -> inFlight.decrementAndGet());
      }
      ctx.next();
    };
  }

  /** Starts refusing; completes once nothing counted is in flight or {@code graceMs} have passed. */
  Future<Void> begin(Vertx vertx, long graceMs) {
    closing = true;
    Promise<Void> drained = Promise.promise();
    long deadline = System.currentTimeMillis() + graceMs;
    poll(vertx, drained, deadline);
    return drained.future();
  }

  private void poll(Vertx vertx, Promise<Void> drained, long deadline) {
    if (inFlight.get() <= 0 || System.currentTimeMillis() >= deadline) {
      drained.complete();
    } else {
      vertx.setTimer(POLL_MS, t -> poll(vertx, drained, deadline));
    }
  }
}
