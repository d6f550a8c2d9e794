package io.topicbus.inventory;

import io.topicbus.api.Failure;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One sku's stock and its group commit: the single owner of that sku's state.
 *
 * <p>Invariants: the committed figures ({@link #available}, {@link #armed}) are what the journal
 * holds, because they change only after the journal has stored a commit's events; memory is never
 * ahead of the log, so a failed append needs no undo. At most one commit per sku is in flight;
 * changes that arrive meanwhile wait in arrival order and are decided together, on top of the
 * newly committed figures, when it returns. So each sku's changes are applied, journaled and
 * answered in one order, and {@code 0 <= available <= MAX_STOCK} always. All mutable state is
 * guarded by this object's monitor; {@link #available()} is a lock-free read of committed stock.
 */
final class SkuState {

  static final long MAX_STOCK = 1_000_000_000_000L;
  /** Each change makes at most two events, and a {@code publishBatch} takes at most 1000 messages. */
  static final int MAX_CHANGES_PER_COMMIT = 500;
  /** Changes waiting behind a commit, past which callers get 429 instead of an ever longer queue. */
  static final int MAX_WAITING = 100_000;

  final String sku;
  private final long threshold;
  private volatile long available;
  /** A drop below the threshold fires a {@code low} event; re-armed when stock is back at or above it. */
  private boolean armed;
  /** The journal holds this sku (so it is listed); false for a sku whose first commit failed. */
  private volatile boolean recorded;
  private boolean committing;
  private final ArrayDeque<Change> waiting = new ArrayDeque<>();

  private SkuState(String sku, long threshold, long available, boolean recorded) {
    this.sku = sku;
    this.threshold = threshold;
    this.available = available;
    this.armed = available >= threshold;
    this.recorded = recorded;
  }

  /** A sku nobody has stocked yet: 0 available. */
  static SkuState fresh(String sku, long threshold) {
    return new SkuState(sku, threshold, 0, false);
  }

  /** A sku as the journal's last record left it; armed exactly when stock is at or above the threshold. */
  static SkuState restored(String sku, long threshold, long available) {
    return new SkuState(sku, threshold, available, true);
  }

  long available() {
    return available;
  }

  boolean recorded() {
    return recorded;
  }

  /**
   * Queues a change. Returns the commit the caller must now journal (see {@link Stock}), or null
   * when a commit is already in flight: its completion takes this change along into the next one.
   */
  synchronized Commit submit(Change change) {
    if (waiting.size() >= MAX_WAITING) {
      throw Failure.tooMany("sku " + sku + " has " + waiting.size() + " changes waiting; retry later");
    }
    waiting.add(change);
    return committing ? null : next();
  }

  /** The journal answered {@code commit}: adopt its figures if stored, then start the next commit, if any. */
  synchronized Commit finished(Commit commit, boolean stored) {
    if (stored) {
      available = commit.available;
      armed = commit.armed;
      recorded = true;
    }
    committing = false;
    return next();
  }

  /** Decides waiting changes into a commit; marks it in flight when it has events to journal. */
  private Commit next() {
    if (waiting.isEmpty()) {
      return null;
    }
    Commit commit = new Commit(available, armed);
    while (!waiting.isEmpty() && commit.accepted < MAX_CHANGES_PER_COMMIT) {
      commit.decide(waiting.poll());
    }
    committing = !commit.events.isEmpty();
    return commit;
  }

  static Failure insufficient(String sku, long available, long requested) {
    return Failure.conflict("insufficient stock: sku " + sku + " has " + available + ", " + requested + " requested");
  }

  /**
   * The changes of one journal append, decided in arrival order on top of the committed figures.
   * A refusal decided before any change was accepted rests on committed stock only and is answered
   * at once; everything after the first accepted change waits for the journal.
   */
  final class Commit {

    private long available;
    private boolean armed;
    private int accepted;
    private final List<Change> settledNow = new ArrayList<>();
    private final List<Change> settledAfter = new ArrayList<>();
    private final List<JsonObject> events = new ArrayList<>();

    private Commit(long available, boolean armed) {
      this.available = available;
      this.armed = armed;
    }

    private void decide(Change change) {
      Failure refusal = refusal(change);
      if (refusal != null) {
        change.refuse(refusal);
        (accepted == 0 ? settledNow : settledAfter).add(change);
        return;
      }
      accepted++;
      available += change.delta;
      change.accept(available);
      settledAfter.add(change);
      events.add(StockEvents.changed(sku, available, change.delta));
      if (armed && available < threshold) {
        events.add(StockEvents.low(sku, available, threshold));
        armed = false;
      } else if (available >= threshold) {
        armed = true;
      }
    }

    /** Why the change cannot be applied on top of this commit, or null when it can. Takes its claim. */
    private Failure refusal(Change change) {
      if (!change.claim.take()) {
        return Failure.unavailable("timeout: the job's batch deadline passed; not applied");
      }
      long after = available + change.delta;
      if (after < 0) {
        return insufficient(sku, available, -change.delta);
      }
      if (after > MAX_STOCK) {
        return Failure.conflict("stock limit exceeded: sku " + sku + " would have " + after + ", max " + MAX_STOCK);
      }
      return null;
    }

    List<JsonObject> events() {
      return events;
    }

    /** Answers the refusals that rest on committed stock alone. */
    void settleNow() {
      settledNow.forEach(Change::settle);
    }

    /** The journal stored the commit: every change gets its decision. */
    void settleStored() {
      settledAfter.forEach(Change::settle);
    }

    /** The journal failed: nothing was applied, and nothing decided on top of it stands. */
    void failAll(Failure failure) {
      settledAfter.forEach(change -> change.fail(failure));
    }
  }
}
