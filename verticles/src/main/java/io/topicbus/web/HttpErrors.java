package io.topicbus.web;

import io.topicbus.api.Failure;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The one mapping from failures to HTTP responses: every error, whether a handler's {@link Failure},
 * an event bus failure, a router miss (404, 405) or a body over the limit (413), leaves as
 * {@code {"error": {"code", "message"}}} with the same status. Codes outside 400..599 (a service
 * that failed with a non-HTTP code) are reported as 500.
 */
final class HttpErrors {

  private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {
  }

  /** Router-level answers for requests no route handled and for failures no route caught. */
  static void install(Router router) {
    router.errorHandler(404, ctx -> send(ctx, Failure.notFound("no route " + ctx.request().method() + " " + ctx.request().path())));
    router.errorHandler(405, ctx -> send(ctx, new Failure(Failure.METHOD_NOT_ALLOWED,
        "method " + ctx.request().method() + " not allowed on " + ctx.request().path())));
    router.errorHandler(500, HttpErrors::handleFailure);
  }

  /** A failure handler: maps {@code ctx.failure()} or {@code ctx.statusCode()} (as set by {@code ctx.fail(413)}). */
  static void handleFailure(RoutingContext ctx) {
    Throwable error = ctx.failure();
    Failure failure;
    if (error instanceof Failure || error instanceof ReplyException) {
      failure = Failure.of(error);
    } else {
      int code = ctx.statusCode() > 0 ? ctx.statusCode() : Failure.INTERNAL;
      failure = new Failure(code, describe(code, error));
    }
    if (failure.code() >= 500 && failure.code() != Failure.UNAVAILABLE) {
      log.error("request " + ctx.request().method() + " " + ctx.request().path() + " failed: " + failure.getMessage(), error);
    }
    send(ctx, failure);
  }

  static void send(RoutingContext ctx, Failure failure) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      // Too late for a status: the only honest signal left is to cut the response short.
      response.reset();
      return;
    }
    response.setStatusCode(status(failure))
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(failure.toJson().encode());
  }

  static int status(Failure failure) {
    int code = failure.code();
    return code >= 400 && code <= 599 ? code : Failure.INTERNAL;
  }

  private static String describe(int code, Throwable error) {
    return switch (code) {
      case 400 -> "bad request";
      case 401 -> "missing or wrong token";
      case 403 -> "forbidden";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 413 -> "request body too large";
      default -> error != null && error.getMessage() != null ? error.getMessage() : "request failed (" + code + ")";
    };
  }
}
