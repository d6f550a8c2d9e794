package io.topicbus.inventory;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.topicbus.api.Fields;
import io.topicbus.api.Replies;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One instance of the inventory's worker pool (SPEC section 4). Deployed as a worker verticle with
 * {@code inventory.instances} instances that all consume the same addresses, so Vert.x spreads the
 * jobs over them: that is the pool. Every instance shares one {@link Stock} and one {@link Tickets};
 * the handlers only validate ({@link Job}), delegate and reply. Every request gets an answer: a
 * reply, or a failure with its SPEC code; nothing thrown escapes a handler.
 */
final class InventoryVerticle extends VerticleBase {

  static final String LIST = "inventory.list";
  static final String BATCH = "inventory.batch";

  private static final Logger log = LoggerFactory.getLogger(InventoryVerticle.class);
  /** How long a stopping pool waits for accepted changes to be journaled and answered (SPEC section 7). */
  private static final long SHUTDOWN_GRACE_MS = 10_000;

  private final Stock stock;
  private final Tickets tickets;
  private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

  InventoryVerticle(Stock stock, Tickets tickets) {
    this.stock = stock;
    this.tickets = tickets;
  }

  @Override
  public Future<?> start() {
    handle(Op.ADD.address(), message -> {
      Job job = Job.parse(Op.ADD, Fields.body(message.body()));
      return stock.add(job.sku(), job.qty(), tickets.claimFor(message.headers())).map(n -> item(job.sku(), n));
    });
    handle(Op.REMOVE.address(), message -> {
      Job job = Job.parse(Op.REMOVE, Fields.body(message.body()));
      return stock.remove(job.sku(), job.qty(), tickets.claimFor(message.headers())).map(n -> item(job.sku(), n));
    });
    handle(Op.CHECK.address(), message -> {
      String sku = Job.sku(Fields.body(message.body()));
      return Future.succeededFuture(item(sku, stock.available(sku)));
    });
    handle(LIST, message -> {
      Fields.body(message.body());
      JsonArray items = new JsonArray();
      for (Map.Entry<String, Long> entry : stock.list().entrySet()) {
        items.add(item(entry.getKey(), entry.getValue()));
      }
      return Future.succeededFuture(new JsonObject().put("items", items));
    });
    handle(BATCH, message -> new Batch(vertx, tickets).run(Fields.body(message.body())));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  /** Stops taking jobs, then lets the changes already accepted be journaled and answered. */
  @Override
  public Future<?> stop() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList()).transform(ar -> {
      Promise<Void> drained = Promise.promise();
      awaitDrained(drained, System.currentTimeMillis() + SHUTDOWN_GRACE_MS);
      return drained.future();
    });
  }

  private void awaitDrained(Promise<Void> drained, long deadline) {
    if (stock.unsettled() == 0 || System.currentTimeMillis() >= deadline) {
      if (stock.unsettled() > 0) {
        log.warn(stock.unsettled() + " stock changes still unanswered at shutdown");
      }
      drained.complete();
      return;
    }
    vertx.setTimer(10, t -> awaitDrained(drained, deadline));
  }

  private void handle(String address, Function<Message<Object>, Future<JsonObject>> handler) {
    String op = address.substring(address.indexOf('.') + 1);
    Timer ok = jobTimer(op, "ok");
    Timer failed = jobTimer(op, "failed");
    consumers.add(vertx.eventBus().consumer(address, (Message<Object> message) -> {
      long started = System.nanoTime();
      Replies.answer(message, address, log, () -> {
        Future<JsonObject> reply;
        try {
          reply = handler.apply(message);
        } catch (RuntimeException e) {
          reply = Future.failedFuture(e);
        }
        return reply.andThen(ar -> (ar.succeeded() ? ok : failed).record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
      }, failure -> { });
    }));
  }

  /** Job timings by operation and outcome (ten series at most): {@code topicbus_inventory_job_seconds}. */
  private static Timer jobTimer(String op, String outcome) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    return Timer.builder("topicbus.inventory.job").description("inventory jobs, from request to reply")
        .tag("op", op).tag("outcome", outcome)
        .register(registry != null ? registry : new SimpleMeterRegistry());
  }

  private static JsonObject item(String sku, long available) {
    return new JsonObject().put("sku", sku).put("available", available);
  }
}
