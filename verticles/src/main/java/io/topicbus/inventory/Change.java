package io.topicbus.inventory;

import io.topicbus.api.Failure;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * One add or remove on its way through its sku's group commit. A commit decides it (accepted with
 * the stock after it, or refused with a failure); the caller's future is settled exactly once, and
 * only when nothing the decision rests on can still be rolled back.
 */
final class Change {

  /** Signed: +qty for an add, -qty for a remove. */
  final long delta;
  final Claim claim;
  private final Promise<Long> outcome = Promise.promise();
  private long availableAfter;
  private Failure refusal;

  Change(long delta, Claim claim) {
    this.delta = delta;
    this.claim = claim;
  }

  Future<Long> future() {
    return outcome.future();
  }

  void accept(long availableAfter) {
    this.availableAfter = availableAfter;
  }

  void refuse(Failure refusal) {
    this.refusal = refusal;
  }

  /** Tells the caller what the commit decided. */
  void settle() {
    if (refusal != null) {
      outcome.fail(refusal);
    } else {
      outcome.complete(availableAfter);
    }
  }

  /** Tells the caller the commit could not be recorded: nothing changed. */
  void fail(Failure failure) {
    outcome.fail(failure);
  }
}
