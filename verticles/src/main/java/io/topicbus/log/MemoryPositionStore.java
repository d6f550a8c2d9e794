package io.topicbus.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Group positions in a concurrent map; the file store persists the same map. */
public class MemoryPositionStore implements PositionStore {

  protected final Map<String, Map<String, Long>> positions = new ConcurrentHashMap<>();

  @Override
  public long get(String group, String topic) {
    Map<String, Long> byTopic = positions.get(group);
    Long offset = byTopic == null ? null : byTopic.get(topic);
    return offset == null ? -1 : offset;
  }

  @Override
  public Map<String, Long> all(String group) {
    return Map.copyOf(positions.getOrDefault(group, Map.of()));
  }

  @Override
  public void commit(String group, String topic, long offset) {
    positions.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).merge(topic, offset, Math::max);
  }
}
