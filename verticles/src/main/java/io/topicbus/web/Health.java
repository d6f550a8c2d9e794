package io.topicbus.web;

import io.topicbus.api.Failure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;

import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} (SPEC section 5) with vertx-health-check: 200 {@code {status: "UP", checks: [...]}}
 * when every check is up, 503 otherwise. Checks: {@code http} (the router serves and shutdown has not
 * begun), {@code broker} (answers {@code topics} over the event bus), {@code storage} (no topic is
 * corrupt and the broker does not report its storage unwritable), and {@code cluster} when clustered.
 * Every procedure completes with a status of its own (never a failed promise), so a broker that does
 * not answer is a 503 DOWN, not the handler's 500.
 */
final class Health {

  private static final long PROCEDURE_TIMEOUT_MS = 3_000;
  private static final long BROKER_TIMEOUT_MS = 2_000;
  /** Both broker checks of one health request share one listing. */
  private static final long LISTING_REUSE_MS = 500;

  private final Vertx vertx;
  private final Services services;
  private final Shutdown shutdown;
  private final BooleanSupplier listening;
  private final HealthChecks checks;
  private Future<JsonObject> listing;
  private long listingAt;

  Health(Vertx vertx, Services services, Shutdown shutdown, BooleanSupplier listening) {
    this.vertx = vertx;
    this.services = services;
    this.shutdown = shutdown;
    this.listening = listening;
    checks = HealthChecks.create(vertx);
    checks.register("http", PROCEDURE_TIMEOUT_MS, this::http);
    checks.register("broker", PROCEDURE_TIMEOUT_MS, this::broker);
    checks.register("storage", PROCEDURE_TIMEOUT_MS, this::storage);
    if (vertx.isClustered()) {
      checks.register("cluster", PROCEDURE_TIMEOUT_MS, this::cluster);
    }
  }

  Handler<RoutingContext> handler() {
    return ctx -> checks.checkStatus().onComplete(ar -> {
      JsonObject report;
      boolean up;
      if (ar.succeeded()) {
        CheckResult result = ar.result();
        up = result.getUp();
        report = result.toJson();
        report.remove("outcome");
      } else {
        up = false;
        report = new JsonObject().put("status", "DOWN").put("checks", new JsonArray())
            .put("error", String.valueOf(ar.cause().getMessage()));
      }
      ctx.response().setStatusCode(up ? 200 : Failure.UNAVAILABLE)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(report.encode());
    });
  }

  private void http(Promise<Status> promise) {
    if (shutdown.closing()) {
      promise.complete(Status.KO(new JsonObject().put("reason", "shutting down")));
    } else if (!listening.getAsBoolean()) {
      promise.complete(Status.KO(new JsonObject().put("reason", "not listening")));
    } else {
      promise.complete(Status.OK());
    }
  }

  private void broker(Promise<Status> promise) {
    listing().onComplete(ar -> promise.complete(ar.succeeded()
        ? Status.OK(new JsonObject().put("topics", ar.result().getJsonArray("topics", new JsonArray()).size()))
        : Status.KO(new JsonObject().put("reason", Failure.of(ar.cause()).getMessage()))));
  }

  private void storage(Promise<Status> promise) {
    listing().onComplete(ar -> {
      if (ar.failed()) {
        promise.complete(Status.KO(new JsonObject().put("reason", "unknown: broker unreachable")));
        return;
      }
      JsonObject reply = ar.result();
      JsonArray corrupt = new JsonArray();
      for (Object item : reply.getJsonArray("topics", new JsonArray())) {
        if (item instanceof JsonObject topic && Boolean.TRUE.equals(topic.getValue("corrupt"))) {
          corrupt.add(topic.getValue("name"));
        }
      }
      if (Boolean.FALSE.equals(reply.getValue("writable"))) {
        promise.complete(Status.KO(new JsonObject().put("reason", "storage is not writable").put("corrupt", corrupt)));
      } else if (!corrupt.isEmpty()) {
        promise.complete(Status.KO(new JsonObject().put("reason", "corrupt records").put("corrupt", corrupt)));
      } else {
        promise.complete(Status.OK());
      }
    });
  }

  private void cluster(Promise<Status> promise) {
    var manager = ((VertxInternal) vertx).clusterManager();
    boolean active = manager != null && manager.isActive();
    JsonObject data = new JsonObject().put("nodeId", manager == null ? null : manager.getNodeId());
    promise.complete(active ? Status.OK(data) : Status.KO(data.put("reason", "not a cluster member")));
  }

  private Future<JsonObject> listing() {
    long now = System.currentTimeMillis();
    if (listing == null || now - listingAt > LISTING_REUSE_MS) {
      listing = services.request(services.topicbus("topics"), new JsonObject(), null, BROKER_TIMEOUT_MS);
      listingAt = now;
    }
    return listing;
  }
}
