package io.topicbus.log;

import io.vertx.core.Future;

import java.util.Collection;

/**
 * All topic logs of one broker plus the committed group positions. One owner: the broker verticle
 * creates topics and appends from its event loop; readers may be on any thread.
 */
public interface LogStore {

  /** Opens existing topics (the file log recovers torn tails here). */
  Future<Void> open();

  /** The topic's log, or null when the topic does not exist. */
  TopicLog get(String topic);

  /** The topic's log, created empty when new. */
  TopicLog getOrCreate(String topic);

  Collection<TopicLog> topics();

  int topicCount();

  /** Committed group positions (next offset to deliver per group and topic). */
  PositionStore positions();

  /** Drops whole old segments past {@code storage.retentionMs} / {@code storage.retentionBytes}. */
  Future<Void> enforceRetention(long now);

  /** False once the store has failed to write (disk full, I/O error, read-only) and not yet recovered. */
  default boolean writable() {
    return true;
  }

  /** Flushes and closes everything; appends after close fail. */
  Future<Void> close();
}
