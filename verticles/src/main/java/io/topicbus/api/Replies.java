package io.topicbus.api;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.json.JsonObject;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way TopicBus's event bus services answer a request: the handler's result as the reply,
 * or its failure with its SPEC code. A handler that throws is a failure too, so no request stays
 * unanswered; a 500 (a bug) is logged with its cause.
 */
public final class Replies {

  private Replies() {
  }

  public static void answer(Message<?> message, String address, Logger log, Supplier<Future<JsonObject>> handler,
                            Consumer<Failure> onFailure) {
    Future<JsonObject> reply;
    try {
      reply = handler.get();
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> {
      if (ar.succeeded()) {
        message.reply(ar.result());
        return;
      }
      Failure failure = Failure.of(ar.cause());
      if (failure.code() == Failure.INTERNAL) {
        log.error("request to " + address + " failed: " + failure.getMessage(), ar.cause());
      }
      onFailure.accept(failure);
      failure.replyTo(message);
    });
  }
}
