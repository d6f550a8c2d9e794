package io.topicbus.api;

import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/**
 * An error with its SPEC code (section 3): the one place where failures are made. The event bus
 * carries it as {@code ReplyException(failureCode, message)}, HTTP as
 * {@code {"error": {"code", "message"}}} with the same status.
 */
public final class Failure extends RuntimeException {

  public static final int BAD_REQUEST = 400;
  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int METHOD_NOT_ALLOWED = 405;
  public static final int CONFLICT = 409;
  public static final int TOO_LARGE = 413;
  public static final int TOO_MANY = 429;
  public static final int INTERNAL = 500;
  public static final int UNAVAILABLE = 503;

  private final int code;

  public Failure(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** 400 naming the field: {@code "<field>: <problem>"}. */
  public static Failure badField(String field, String problem) {
    return new Failure(BAD_REQUEST, field + ": " + problem);
  }

  public static Failure badRequest(String message) {
    return new Failure(BAD_REQUEST, message);
  }

  public static Failure forbidden(String message) {
    return new Failure(FORBIDDEN, message);
  }

  public static Failure notFound(String message) {
    return new Failure(NOT_FOUND, message);
  }

  public static Failure conflict(String message) {
    return new Failure(CONFLICT, message);
  }

  public static Failure tooLarge(String message) {
    return new Failure(TOO_LARGE, message);
  }

  public static Failure tooMany(String message) {
    return new Failure(TOO_MANY, message);
  }

  public static Failure unavailable(String message) {
    return new Failure(UNAVAILABLE, message);
  }

  public static Failure internal(String message) {
    return new Failure(INTERNAL, message);
  }

  /**
   * Any throwable as a Failure: a Failure stays itself, a ReplyException keeps its code (a timeout
   * or missing handler means the service is unreachable: 503), anything else is a 500 (a bug).
   */
  public static Failure of(Throwable error) {
    if (error instanceof Failure failure) {
      return failure;
    }
    if (error instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case RECIPIENT_FAILURE -> new Failure(reply.failureCode() > 0 ? reply.failureCode() : INTERNAL, reply.getMessage());
        case TIMEOUT -> unavailable("service did not answer in time");
        case NO_HANDLERS -> unavailable("service not available (" + reply.getMessage() + ")");
        default -> unavailable(String.valueOf(reply.getMessage()));
      };
    }
    String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    return internal(message);
  }

  public JsonObject toJson() {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", getMessage()));
  }

  /** Fails an event bus request with this failure's code and message. */
  public void replyTo(Message<?> message) {
    message.fail(code, getMessage());
  }
}
