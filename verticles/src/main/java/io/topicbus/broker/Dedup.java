package io.topicbus.broker;

import io.topicbus.log.Record;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idempotent publish for one topic: the ids seen within {@code storage.dedupWindowMs}, each with the
 * record its first publish stored, plus the ids whose first append is still on its way (a retry
 * arriving meanwhile waits for it instead of storing twice). Broker thread only.
 */
final class Dedup {

  private final long windowMs;
  private final Map<String, Record> seen = new HashMap<>();
  private final ArrayDeque<Record> byAge = new ArrayDeque<>();
  private final Map<String, Future<Record>> inFlight = new HashMap<>();

  Dedup(long windowMs) {
    this.windowMs = windowMs;
  }

  /**
   * The first publish of {@code id} within the window: its stored record (a completed future), or its
   * append still on its way; null when there is none, so this publish is the first.
   */
  Future<Record> first(String id, long now) {
    expire(now);
    Record stored = seen.get(id);
    return stored != null ? Future.succeededFuture(stored) : inFlight.get(id);
  }

  /** A first publish's append: retries of its id wait for it until it completes. */
  void track(String id, Future<Record> append) {
    inFlight.put(id, append);
    append.onComplete(ar -> inFlight.remove(id, append));
  }

  void remember(Record record) {
    if (windowMs <= 0 || record.id() == null || seen.containsKey(record.id())) {
      return;
    }
    seen.put(record.id(), record);
    byAge.addLast(record);
  }

  private void expire(long now) {
    Record oldest;
    while ((oldest = byAge.peekFirst()) != null && oldest.timestamp() < now - windowMs) {
      byAge.pollFirst();
      seen.remove(oldest.id(), oldest);
    }
  }
}
