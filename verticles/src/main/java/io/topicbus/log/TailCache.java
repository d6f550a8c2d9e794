package io.topicbus.log;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The most recently appended records of every topic of one store, as the {@link Record}s built from the
 * drafts (payloads already decoded), so subscribers reading fresh data touch neither the disk nor the
 * JSON decoder. Bounded by the records' encoded size summed over all topics; the oldest batches, store
 * wide, are evicted first.
 *
 * <p>Holds only completed appends, in offset order, so each topic's cached batches are a contiguous run
 * that ends at the topic's readable end. The writer thread adds and evicts; readers on any thread look
 * up a topic's {@link Tail} without locks (records are immutable, a batch evicted under a reader's feet
 * simply sends it to the disk for the rest).
 */
final class TailCache {

  static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  /** One topic's cached batches by base offset. */
  static final class Tail {
    private final ConcurrentSkipListMap<Long, List<Record>> batches = new ConcurrentSkipListMap<>();

    /**
     * Offers the cached records from {@code from} (below {@code end}) to {@code sink} in order until it is
     * full; returns the offset after the last record offered, or {@code from} when {@code from} is not cached.
     */
    long read(long from, long end, ReadSink sink) {
      Map.Entry<Long, List<Record>> first = batches.floorEntry(from);
      if (first == null || first.getKey() + first.getValue().size() <= from) {
        return from;
      }
      long next = from;
      for (List<Record> batch : batches.tailMap(first.getKey(), true).values()) {
        long base = batch.get(0).offset();
        if (base > next) {
          return next;
        }
        for (int i = (int) (next - base); i < batch.size(); i++) {
          Record record = batch.get(i);
          if (record.offset() >= end || !sink.offer(record)) {
            return next;
          }
          next++;
        }
      }
      return next;
    }
  }

  /** Where cached or decoded records go during one read; refuses the record that would pass its limits. */
  interface ReadSink {
    boolean offer(Record record);
  }

  private record Cached(Tail tail, long baseOffset, List<Record> records, long bytes) {
  }

  private final long maxBytes;
  private final ArrayDeque<Cached> oldestFirst = new ArrayDeque<>();
  private long bytes;

  TailCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Caches a completed append (writer thread), evicting the oldest batches beyond the bound. */
  void add(Tail tail, List<Record> records) {
    if (maxBytes <= 0) {
      return;
    }
    long size = 0;
    for (Record record : records) {
      size += record.size();
    }
    Cached cached = new Cached(tail, records.get(0).offset(), records, size);
    tail.batches.put(cached.baseOffset, records);
    oldestFirst.addLast(cached);
    bytes += size;
    while (bytes > maxBytes && !oldestFirst.isEmpty()) {
      evict(oldestFirst.pollFirst());
    }
  }

  /** Drops a topic's batches that end at or before {@code offset} (retention moved its first offset). */
  void dropBelow(Tail tail, long offset) {
    oldestFirst.removeIf(cached -> {
      boolean gone = cached.tail == tail && cached.baseOffset + cached.records.size() <= offset;
      if (gone) {
        evict(cached);
      }
      return gone;
    });
  }

  private void evict(Cached cached) {
    cached.tail.batches.remove(cached.baseOffset, cached.records);
    bytes -= cached.bytes;
  }

  /** Bytes held, for tests. */
  long bytes() {
    return bytes;
  }
}
