package io.topicbus.broker;

import io.topicbus.log.Draft;
import io.topicbus.log.LogStore;
import io.topicbus.log.MemoryLogStore;
import io.topicbus.log.PositionStore;
import io.topicbus.log.Record;
import io.topicbus.log.TopicLog;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A memory store whose appends complete only when the test opens the gate: makes "in flight" observable. */
final class GatedLogStore implements LogStore {

  private final MemoryLogStore inner = new MemoryLogStore(-1, -1);
  private final List<Runnable> held = new ArrayList<>();
  private boolean open = true;

  synchronized void hold() {
    open = false;
  }

  synchronized void release() {
    open = true;
    held.forEach(Runnable::run);
    held.clear();
  }

  synchronized int heldCount() {
    return held.size();
  }

  private synchronized Future<List<Record>> gate(Future<List<Record>> appended) {
    if (open) {
      return appended;
    }
    Promise<List<Record>> promise = Promise.promise();
    held.add(() -> appended.onComplete(promise));
    return promise.future();
  }

  @Override
  public Future<Void> open() {
    return inner.open();
  }

  @Override
  public TopicLog get(String topic) {
    TopicLog log = inner.get(topic);
    return log == null ? null : new Gated(log);
  }

  @Override
  public TopicLog getOrCreate(String topic) {
    return new Gated(inner.getOrCreate(topic));
  }

  @Override
  public Collection<TopicLog> topics() {
    return inner.topics().stream().<TopicLog>map(Gated::new).toList();
  }

  @Override
  public int topicCount() {
    return inner.topicCount();
  }

  @Override
  public PositionStore positions() {
    return inner.positions();
  }

  @Override
  public Future<Void> enforceRetention(long now) {
    return inner.enforceRetention(now);
  }

  @Override
  public Future<Void> close() {
    return inner.close();
  }

  private final class Gated implements TopicLog {
    private final TopicLog log;

    Gated(TopicLog log) {
      this.log = log;
    }

    @Override
    public String topic() {
      return log.topic();
    }

    @Override
    public long firstOffset() {
      return log.firstOffset();
    }

    @Override
    public long nextOffset() {
      return log.nextOffset();
    }

    @Override
    public long sizeBytes() {
      return log.sizeBytes();
    }

    @Override
    public int segmentCount() {
      return log.segmentCount();
    }

    @Override
    public Future<List<Record>> append(List<Draft> drafts) {
      return gate(log.append(drafts));
    }

    @Override
    public List<Record> read(long from, int maxRecords, long maxBytes) {
      return log.read(from, maxRecords, maxBytes);
    }

    @Override
    public long offsetForTimestamp(long timestamp) {
      return log.offsetForTimestamp(timestamp);
    }

    @Override
    public boolean corrupt() {
      return log.corrupt();
    }
  }
}
