package io.topicbus.log;

import java.util.Map;

/**
 * Committed positions of consumer groups: for each group and topic, the offset from which the group
 * has not yet finished every message. Thread-safe: each group's worker commits from its own thread.
 */
public interface PositionStore {

  /** The committed position, or -1 when the group has none for that topic. */
  long get(String group, String topic);

  /** All committed positions of one group (topic to offset). */
  Map<String, Long> all(String group);

  /** Records a new position; a position never moves backwards. Made durable by the store's own schedule. */
  void commit(String group, String topic, long offset);
}
