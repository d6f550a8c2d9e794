package io.topicbus.web;

import io.topicbus.api.Failure;
import io.topicbus.api.Fields;
import io.topicbus.topic.TopicName;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.function.Function;

/**
 * The REST routes of SPEC section 5 under {@code /api}: each turns a request into one call of the
 * event bus API (via {@link Services}) and its reply into JSON. Bodies are limited to
 * {@code limits.maxMessageBytes} (413 from the Content-Length alone, before the body is read),
 * decoded strictly (invalid UTF-8 or malformed JSON is a 400) and must be objects. Topic and sku in
 * the path are checked here (400); the {@link Permissions} apply (403); everything else is validated
 * by the service, whose failure codes become the HTTP status.
 */
final class RestApi {

  private static final String JSON = "application/json; charset=utf-8";
  private static final int OK = 200;
  private static final int CREATED = 201;

  private final Services services;
  private final Permissions permissions;
  private final long maxBodyBytes;

  RestApi(Services services, Permissions permissions, long maxBodyBytes) {
    this.services = services;
    this.permissions = permissions;
    this.maxBodyBytes = maxBodyBytes;
  }

  void mount(Router router) {
    // No file uploads: a stray multipart request must not write files anywhere.
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    router.post("/api/topics/:topic/messages").handler(reply(CREATED, this::publish));
    router.get("/api/topics/:topic/messages").handler(reply(OK, this::read));
    router.get("/api/topics").handler(reply(OK, ctx -> services.request(services.topicbus("topics"), new JsonObject())));
    router.post("/api/messages").handler(reply(OK, this::publishBatch));
    router.get("/api/subscriptions").handler(reply(OK,
        ctx -> services.request(services.topicbus("subscriptions"), new JsonObject())));
    router.get("/api/inventory").handler(reply(OK,
        ctx -> services.request(Services.INVENTORY + "list", new JsonObject())));
    router.get("/api/inventory/:sku").handler(reply(OK,
        ctx -> services.request(Services.INVENTORY + "check", new JsonObject().put("sku", sku(ctx)))));
    router.post("/api/inventory/:sku/add").handler(reply(OK, ctx -> stockChange(ctx, "add")));
    router.post("/api/inventory/:sku/remove").handler(reply(OK, ctx -> stockChange(ctx, "remove")));
  }

  private Future<JsonObject> publish(RoutingContext ctx) {
    String topic = topic(ctx);
    JsonObject message = body(ctx);
    Object given = message.getValue("topic");
    if (given != null && !topic.equals(given)) {
      throw Failure.badField("topic", "the body names another topic than the path (" + shorten(given) + ")");
    }
    Failure refusal = permissions.publishRefusal(topic);
    if (refusal != null) {
      throw refusal;
    }
    return services.request(services.topicbus("publish"), message.put("topic", topic));
  }

  private Future<JsonObject> publishBatch(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String address = services.topicbus("publishBatch");
    // Only a well-formed batch is split; anything else goes as it is, for the broker's 400.
    if (!(body.getValue("messages") instanceof JsonArray messages) || messages.isEmpty() || messages.size() > 1000) {
      return services.request(address, body);
    }
    Permissions.Batch batch = permissions.split(messages);
    if (!batch.anyRefused()) {
      return services.request(address, body);
    }
    if (batch.allowed().isEmpty()) {
      return Future.succeededFuture(batch.merge(null));
    }
    return services.request(address, body.copy().put("messages", batch.allowed())).map(batch::merge);
  }

  /** {@code ?from=<offset>|earliest|latest} (default earliest) or {@code ?timestamp=<ms>}, and {@code ?limit=}. */
  private Future<JsonObject> read(RoutingContext ctx) {
    String topic = topic(ctx);
    Failure refusal = permissions.readRefusal(topic);
    if (refusal != null) {
      throw refusal;
    }
    String from = ctx.request().getParam("from");
    String timestamp = ctx.request().getParam("timestamp");
    JsonObject request = new JsonObject().put("topic", topic);
    if (from != null && timestamp != null) {
      throw Failure.badField("from", "give either from or timestamp, not both");
    }
    if (timestamp != null) {
      request.put("from", new JsonObject().put("timestamp", nonNegative(timestamp, "timestamp")));
    } else if (from == null || from.equals("earliest") || from.equals("latest")) {
      request.put("from", from == null ? "earliest" : from);
    } else {
      request.put("from", new JsonObject().put("offset", nonNegative(from, "from")));
    }
    String limit = ctx.request().getParam("limit");
    if (limit != null) {
      request.put("limit", nonNegative(limit, "limit"));
    }
    return services.request(services.topicbus("read"), request);
  }

  private Future<JsonObject> stockChange(RoutingContext ctx, String op) {
    String sku = sku(ctx);
    JsonObject body = body(ctx);
    return services.request(Services.INVENTORY + op, new JsonObject().put("sku", sku).put("qty", body.getValue("qty")));
  }

  /** Runs {@code call}; its reply is sent with {@code status}, any failure (thrown or failed) as error JSON. */
  private static Handler<RoutingContext> reply(int status, Function<RoutingContext, Future<JsonObject>> call) {
    return ctx -> {
      Future<JsonObject> result;
      try {
        result = call.apply(ctx);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(ar -> {
        if (ar.succeeded()) {
          if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(ar.result().encode());
          }
        } else {
          ctx.fail(ar.cause() instanceof Failure ? ar.cause() : Failure.of(ar.cause()));
        }
      });
    };
  }

  private static JsonObject body(RoutingContext ctx) {
    RequestBody body = ctx.body();
    if (body == null || body.buffer() == null || body.length() == 0) {
      throw Failure.badField("body", "required: a JSON object");
    }
    return Fields.body(StrictJson.parse(body.buffer(), "body"));
  }

  private static String topic(RoutingContext ctx) {
    String topic = ctx.pathParam("topic");
    String problem = TopicName.problem(topic);
    if (problem != null) {
      throw Failure.badField("topic", problem);
    }
    return topic;
  }

  /** An sku has the shape of one topic segment (SPEC section 4). */
  private static String sku(RoutingContext ctx) {
    String sku = ctx.pathParam("sku");
    if (!TopicName.isValidSegment(sku)) {
      throw Failure.badField("sku", "must be 1..64 chars of [A-Za-z0-9_-]");
    }
    return sku;
  }

  private static long nonNegative(String text, String field) {
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw Failure.badField(field, "expected a non-negative integer" + (field.equals("from") ? ", earliest or latest" : ""));
    }
    return Long.parseLong(text);
  }

  private static String shorten(Object value) {
    String s = String.valueOf(value);
    return s.length() <= 70 ? s : s.substring(0, 67) + "...";
  }
}
