package io.topicbus.log;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * A topic log held in memory ({@code storage.mode: memory}): records in fixed-size chunks, the
 * memory log's segments. One writer (the broker's event loop) appends; readers on any thread see
 * records up to {@link #nextOffset()}, which is published last (a volatile write) so a reader that
 * sees an offset also sees its record. Retention drops whole old chunks, never the last one.
 */
final class MemoryTopicLog implements TopicLog {

  static final int CHUNK = 1024;

  /** The chunk directory and the offset of its first slot, swapped together so readers see a consistent pair. */
  private record Chunks(long base, Record[][] dir, long[] bytes) {

    int chunkOf(long offset) {
      return (int) ((offset - base) / CHUNK);
    }

    Record at(long offset) {
      return dir[chunkOf(offset)][(int) ((offset - base) % CHUNK)];
    }
  }

  private final String topic;
  private volatile Chunks chunks = new Chunks(0, new Record[][] {new Record[CHUNK]}, new long[1]);
  private volatile long first;
  private volatile long next;
  private volatile long sizeBytes;
  private long lastTimestamp;

  MemoryTopicLog(String topic) {
    this.topic = topic;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public long firstOffset() {
    return first;
  }

  @Override
  public long nextOffset() {
    return next;
  }

  @Override
  public long sizeBytes() {
    return sizeBytes;
  }

  @Override
  public int segmentCount() {
    return chunks.dir.length;
  }

  @Override
  public boolean corrupt() {
    return false;
  }

  @Override
  public Future<List<Record>> append(List<Draft> drafts) {
    long timestamp = Math.max(System.currentTimeMillis(), lastTimestamp);
    lastTimestamp = timestamp;
    List<Record> stored = new ArrayList<>(drafts.size());
    long offset = next;
    long added = 0;
    for (Draft draft : drafts) {
      Record record = draft.toRecord(offset, timestamp);
      Chunks c = slotFor(offset);
      int index = c.chunkOf(offset);
      c.dir[index][(int) ((offset - c.base) % CHUNK)] = record;
      c.bytes[index] += record.size();
      stored.add(record);
      added += record.size();
      offset++;
    }
    sizeBytes += added;
    next = offset;
    return Future.succeededFuture(stored);
  }

  /** The chunk directory with room for {@code offset}, grown by one chunk when the last is full. */
  private Chunks slotFor(long offset) {
    Chunks c = chunks;
    if (offset - c.base < (long) c.dir.length * CHUNK) {
      return c;
    }
    Record[][] dir = java.util.Arrays.copyOf(c.dir, c.dir.length + 1);
    dir[dir.length - 1] = new Record[CHUNK];
    long[] bytes = java.util.Arrays.copyOf(c.bytes, c.bytes.length + 1);
    Chunks grown = new Chunks(c.base, dir, bytes);
    chunks = grown;
    return grown;
  }

  @Override
  public List<Record> read(long from, int maxRecords, long maxBytes) {
    long end = next;
    Chunks c = chunks;
    long start = Math.max(from, Math.max(first, c.base));
    List<Record> out = new ArrayList<>((int) Math.min(maxRecords, Math.max(0, end - start)));
    long total = 0;
    for (long offset = start; offset < end && out.size() < maxRecords; offset++) {
      Record record = c.at(offset);
      if (!out.isEmpty() && total + record.size() > maxBytes) {
        break;
      }
      total += record.size();
      out.add(record);
    }
    return out;
  }

  @Override
  public long offsetForTimestamp(long timestamp) {
    long end = next;
    Chunks c = chunks;
    long lo = Math.max(first, c.base);
    long hi = end;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      Record record = c.at(mid);
      if (record.timestamp() < timestamp) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Drops whole chunks that are entirely past retention; the last chunk always stays. Writer thread only. */
  void enforceRetention(long now, long retentionMs, long retentionBytes) {
    Chunks c = chunks;
    int drop = 0;
    long remaining = sizeBytes;
    while (drop < c.dir.length - 1) {
      Record[] chunk = c.dir[drop];
      Record last = chunk[CHUNK - 1];
      boolean expired = retentionMs >= 0 && last != null && last.timestamp() < now - retentionMs;
      boolean oversize = retentionBytes >= 0 && remaining > retentionBytes;
      if (!expired && !oversize) {
        break;
      }
      remaining -= c.bytes[drop];
      drop++;
    }
    if (drop == 0) {
      return;
    }
    long base = c.base + (long) drop * CHUNK;
    Record[][] dir = java.util.Arrays.copyOfRange(c.dir, drop, c.dir.length);
    long[] bytes = java.util.Arrays.copyOfRange(c.bytes, drop, c.bytes.length);
    first = Math.max(first, base);
    chunks = new Chunks(base, dir, bytes);
    sizeBytes = remaining;
  }
}
