package io.topicbus.inventory;

import io.vertx.core.MultiMap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who decides a batch job's fate: the worker that applies it, or the batch's deadline. Each add or
 * remove a {@link Batch} sends carries a ticket (and the deadline) in its headers. The ticket
 * starts PENDING and moves once, by compare-and-set: to CLAIMED by the worker just before it
 * applies the job, or to CANCELLED by the batch at its deadline (or by a worker that sees the
 * deadline passed). Whoever moves it first wins, so a job reported as {@code "timeout"} was
 * CANCELLED and can never be applied, now or later; a job CLAIMED in time reports its real outcome.
 * An unknown ticket (forgotten after its batch ended, or made up) can never be claimed.
 *
 * <p>One instance per pool, shared by all its instances; the pool lives in one JVM (SPEC section 9:
 * only the broker node runs the inventory), so a JVM-wide map is enough.
 */
final class Tickets {

  static final String TICKET_HEADER = "inventory-ticket";
  static final String DEADLINE_HEADER = "inventory-deadline";

  enum State { PENDING, CLAIMED, CANCELLED }

  private final Map<String, State> states = new ConcurrentHashMap<>();

  void issue(String ticket) {
    states.put(ticket, State.PENDING);
  }

  /** The worker's side: the claim a job carrying these headers must take; {@link Claim#NONE} outside a batch. */
  Claim claimFor(MultiMap headers) {
    String ticket = headers.get(TICKET_HEADER);
    String deadlineText = headers.get(DEADLINE_HEADER);
    if (ticket == null && deadlineText == null) {
      return Claim.NONE;
    }
    long deadline = parseDeadline(deadlineText);
    return () -> {
      if (System.currentTimeMillis() > deadline) {
        if (ticket != null) {
          states.replace(ticket, State.PENDING, State.CANCELLED);
        }
        return false;
      }
      return ticket == null || states.replace(ticket, State.PENDING, State.CLAIMED);
    };
  }

  /** The batch's side, at the deadline: true when the job is (now) cancelled, false when a worker claimed it. */
  boolean cancel(String ticket) {
    return states.replace(ticket, State.PENDING, State.CANCELLED) || states.get(ticket) == State.CANCELLED;
  }

  /** The batch has every answer: its tickets are done with. */
  void forget(String ticket) {
    states.remove(ticket);
  }

  State state(String ticket) {
    return states.get(ticket);
  }

  int size() {
    return states.size();
  }

  /** A missing or unreadable deadline counts as passed: such a job is refused, never guessed at. */
  private static long parseDeadline(String text) {
    if (text == null) {
      return Long.MIN_VALUE;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }
}
