package io.topicbus.inventory;

import io.topicbus.api.Failure;
import io.vertx.core.Future;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stock of every sku: the exact, concurrent core, shared by all instances of the worker pool.
 *
 * <p>Exact by construction: each sku's state has a single owner, its {@link SkuState}, which
 * decides that sku's changes one at a time and commits them only once the {@link Journal} has
 * stored them. Callers on any thread may call in at once; different skus never wait for each
 * other, and no change to one sku can be lost or overlap another. A remove that would go below 0,
 * or an add beyond {@link SkuState#MAX_STOCK}, is a 409 and changes nothing. Reads see committed
 * (journaled) stock only.
 */
final class Stock {

  private final Map<String, SkuState> skus = new ConcurrentHashMap<>();
  private final long threshold;
  private final Journal journal;
  /** Changes accepted from callers and not yet answered: what a shutdown waits for. */
  private final AtomicLong unsettled = new AtomicLong();

  Stock(long lowStockThreshold, Journal journal) {
    this.threshold = lowStockThreshold;
    this.journal = journal;
  }

  /** Adds {@code qty}; the future holds the stock after it, once journaled. */
  Future<Long> add(String sku, long qty, Claim claim) {
    return change(skus.computeIfAbsent(sku, s -> SkuState.fresh(s, threshold)), new Change(qty, claim));
  }

  /** Removes {@code qty}; 409 when it would go below 0. An unknown sku has 0, so that is a 409 too. */
  Future<Long> remove(String sku, long qty, Claim claim) {
    SkuState state = skus.get(sku);
    if (state == null) {
      // Nothing to change, and no state is made for a sku nobody stocked.
      return Future.failedFuture(SkuState.insufficient(sku, 0, qty));
    }
    return change(state, new Change(-qty, claim));
  }

  /** Committed stock; 0 for a sku nobody has stocked. */
  long available(String sku) {
    SkuState state = skus.get(sku);
    return state == null ? 0 : state.available();
  }

  /** Every sku the journal holds, with its committed stock, by sku (ASCII: code-point order). */
  SortedMap<String, Long> list() {
    SortedMap<String, Long> items = new TreeMap<>();
    for (SkuState state : skus.values()) {
      if (state.recorded()) {
        items.put(state.sku, state.available());
      }
    }
    return items;
  }

  /** Start-up only, before any change: the stock a sku's last journal record holds. */
  void restore(String sku, long available) {
    skus.put(sku, SkuState.restored(sku, threshold, available));
  }

  long unsettled() {
    return unsettled.get();
  }

  private Future<Long> change(SkuState state, Change change) {
    unsettled.incrementAndGet();
    Future<Long> outcome = change.future().andThen(ar -> unsettled.decrementAndGet());
    SkuState.Commit commit;
    try {
      commit = state.submit(change);
    } catch (Failure busy) {
      change.fail(busy);
      return outcome;
    }
    if (commit != null) {
      journal(state, commit);
    }
    return outcome;
  }

  /**
   * Journals one commit, then answers its callers and carries on with the changes that queued
   * meanwhile. Runs on whichever thread submitted the first change or received the journal's answer;
   * the sku's monitor, not the thread, is what serialises its commits.
   */
  private void journal(SkuState state, SkuState.Commit commit) {
    commit.settleNow();
    if (commit.events().isEmpty()) {
      return;
    }
    Future<Void> stored;
    try {
      stored = journal.record(commit.events());
    } catch (RuntimeException e) {
      stored = Future.failedFuture(e);
    }
    stored.onComplete(ar -> {
      SkuState.Commit next = state.finished(commit, ar.succeeded());
      if (ar.succeeded()) {
        commit.settleStored();
      } else {
        commit.failAll(Failure.unavailable("storage: the change was not recorded, nothing changed ("
            + Failure.of(ar.cause()).getMessage() + ")"));
      }
      if (next != null) {
        journal(state, next);
      }
    });
  }
}
