package io.topicbus.log;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code storage.mode: memory}: topic logs and group positions that live as long as the process. */
public final class MemoryLogStore implements LogStore {

  private final Map<String, MemoryTopicLog> topics = new ConcurrentHashMap<>();
  private final PositionStore positions = new MemoryPositionStore();
  private final long retentionMs;
  private final long retentionBytes;

  public MemoryLogStore(long retentionMs, long retentionBytes) {
    this.retentionMs = retentionMs;
    this.retentionBytes = retentionBytes;
  }

  @Override
  public Future<Void> open() {
    return Future.succeededFuture();
  }

  @Override
  public TopicLog get(String topic) {
    return topics.get(topic);
  }

  @Override
  public TopicLog getOrCreate(String topic) {
    return topics.computeIfAbsent(topic, MemoryTopicLog::new);
  }

  @Override
  public Collection<TopicLog> topics() {
    return Collections.unmodifiableCollection(topics.values());
  }

  @Override
  public int topicCount() {
    return topics.size();
  }

  @Override
  public PositionStore positions() {
    return positions;
  }

  @Override
  public Future<Void> enforceRetention(long now) {
    topics.values().forEach(log -> log.enforceRetention(now, retentionMs, retentionBytes));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
