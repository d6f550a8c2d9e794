package io.topicbus.inventory;

import io.topicbus.api.Failure;
import io.topicbus.api.Fields;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * One {@code inventory.batch}: fan-out of its jobs to the pool's own addresses
 * ({@code inventory.add}, {@code .remove}, {@code .check}) as event bus requests, so they run in
 * parallel across the pool, and fan-in of the answers in job order. Only a malformed batch is a
 * 400; a bad or failed job gets {@code {ok: false, sku, error}} in its place, with a short error
 * (see {@link #shortError}).
 *
 * <p>One deadline for the whole batch. At the deadline every unanswered add or remove has its
 * {@link Tickets ticket} cancelled: a job whose ticket is cancelled reports {@code "timeout"} and is
 * refused by any worker that gets it later; a job whose ticket a worker claimed first is waited
 * for, and reports what really happened. A batch is confined to the context of the instance that
 * received it (its requests' answers and its timer run there), so its fields need no locks.
 */
final class Batch {

  static final int MAX_JOBS = 1000;
  static final long DEFAULT_TIMEOUT_MS = 5000;
  static final long MAX_TIMEOUT_MS = 60_000;
  /**
   * How long a job claimed before the deadline is waited for after it: a claimed job is being
   * applied and answers as soon as its commit is journaled (the journal's own request timeout is 30 s).
   */
  static final long CLAIMED_GRACE_MS = 35_000;

  private final Vertx vertx;
  private final Tickets tickets;
  private final Promise<JsonObject> done = Promise.promise();
  private JsonObject[] results;
  private Object[] skus;
  private String[] ticketOf;
  private int unanswered;
  private long timer = -1;

  Batch(Vertx vertx, Tickets tickets) {
    this.vertx = vertx;
    this.tickets = tickets;
  }

  /** Runs the batch {@code body} describes; call on a Vert.x context. */
  Future<JsonObject> run(JsonObject body) {
    JsonArray jobs = Fields.requiredArray(body, "jobs");
    if (jobs.isEmpty() || jobs.size() > MAX_JOBS) {
      throw Failure.badField("jobs", "expected 1.." + MAX_JOBS + " jobs (got " + jobs.size() + ")");
    }
    long timeoutMs = Fields.optionalLong(body, "timeoutMs", 1, MAX_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
    int n = jobs.size();
    results = new JsonObject[n];
    skus = new Object[n];
    ticketOf = new String[n];
    long deadline = System.currentTimeMillis() + timeoutMs;
    String batchId = UUID.randomUUID().toString();
    for (int i = 0; i < n; i++) {
      Job job = parse(jobs.getValue(i), i);
      if (job != null) {
        send(job, i, batchId, deadline, timeoutMs);
      }
    }
    if (unanswered == 0) {
      finish();
    } else {
      timer = vertx.setTimer(timeoutMs, t -> expire());
    }
    return done.future();
  }

  /** The job at {@code index}, or null after putting its refusal in its place. */
  private Job parse(Object item, int index) {
    if (!(item instanceof JsonObject json)) {
      results[index] = failed(null, "invalid job");
      return null;
    }
    Object sku = json.getValue("sku");
    skus[index] = sku instanceof String ? sku : null;
    Op op = Op.parse(json.getValue("op"));
    if (op == null) {
      results[index] = failed(skus[index], "invalid op");
      return null;
    }
    try {
      return Job.parse(op, json);
    } catch (Failure bad) {
      results[index] = failed(skus[index], shortError(bad));
      return null;
    }
  }

  private void send(Job job, int index, String batchId, long deadline, long timeoutMs) {
    DeliveryOptions options = new DeliveryOptions()
        .setSendTimeout(timeoutMs + CLAIMED_GRACE_MS)
        .addHeader(Tickets.DEADLINE_HEADER, Long.toString(deadline));
    if (job.op() != Op.CHECK) {
      // A check changes nothing, so it needs no ticket: late, it is simply reported as a timeout.
      String ticket = batchId + "-" + index;
      tickets.issue(ticket);
      ticketOf[index] = ticket;
      options.addHeader(Tickets.TICKET_HEADER, ticket);
    }
    unanswered++;
    vertx.eventBus().<JsonObject>request(job.op().address(), job.toJson(), options)
        .onComplete(ar -> answered(index, ar));
  }

  private void answered(int index, AsyncResult<Message<JsonObject>> ar) {
    if (results[index] != null) {
      return; // reported as a timeout already; its ticket was cancelled, so nothing was applied
    }
    results[index] = ar.succeeded()
        ? new JsonObject().put("ok", true).put("sku", skus[index]).put("available", ar.result().body().getValue("available"))
        : failed(skus[index], shortError(Failure.of(ar.cause())));
    if (--unanswered == 0) {
      finish();
    }
  }

  private void expire() {
    timer = -1;
    for (int i = 0; i < results.length; i++) {
      if (results[i] == null && (ticketOf[i] == null || tickets.cancel(ticketOf[i]))) {
        results[i] = failed(skus[i], "timeout");
        unanswered--;
      }
    }
    if (unanswered == 0) {
      finish();
    }
  }

  private void finish() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    for (String ticket : ticketOf) {
      if (ticket != null) {
        tickets.forget(ticket);
      }
    }
    JsonArray out = new JsonArray();
    for (JsonObject result : results) {
      out.add(result);
    }
    done.complete(new JsonObject().put("results", out));
  }

  private static JsonObject failed(Object sku, String error) {
    return new JsonObject().put("ok", false).put("sku", sku).put("error", error);
  }

  /**
   * A job's failure as a short error. The pool's failures follow one convention: a 400's message
   * starts with the field ({@code "qty: ..."} gives {@code "invalid qty"}), a 409's with its reason
   * ({@code "insufficient stock: ..."}, {@code "stock limit exceeded: ..."}), and a refusal past the
   * deadline is a 503 starting with {@code "timeout"}.
   */
  static String shortError(Failure failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    int colon = message.indexOf(':');
    String head = colon < 0 ? message : message.substring(0, colon);
    return switch (failure.code()) {
      case Failure.BAD_REQUEST -> head.equals("sku") || head.equals("qty") ? "invalid " + head : "invalid job";
      case Failure.CONFLICT -> head.isEmpty() ? "conflict" : head;
      case Failure.TOO_MANY -> "busy";
      case Failure.UNAVAILABLE -> head.equals("timeout") ? "timeout" : "unavailable";
      default -> "internal error";
    };
  }
}
