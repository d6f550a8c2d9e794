package io.topicbus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Kafka's {@code TimeIndex}: a sparse map from timestamp to offset inside one segment, so
 * {@link TopicLog#offsetForTimestamp} starts near its batch. It gets an entry whenever the
 * {@link OffsetIndex} does (so every offset it names is also in the offset index), and one for the last
 * batch once the segment is sealed, which makes its last timestamp the segment's newest. Each entry is
 * (timestamp: int64, offset - baseOffset: int32), big-endian, in a {@code .timeindex} file.
 *
 * <p>Invariants: timestamps never decrease, offsets strictly increase. Same threading as the offset
 * index: the writer mutates, readers search without locks over a snapshot published by a volatile count.
 */
final class TimeIndex {

  static final String SUFFIX = ".timeindex";
  static final int ENTRY_SIZE = 12;

  /** Both arrays swapped together when they grow, so a reader never pairs a new one with an old one. */
  private record Entries(long[] timestamps, int[] offsets) {
  }

  private final long baseOffset;
  private final IndexFile file;
  private volatile Entries entries = new Entries(new long[16], new int[16]);
  private volatile int size;

  TimeIndex(Path path, long baseOffset, ChannelOpener opener) {
    this.baseOffset = baseOffset;
    this.file = new IndexFile(path, ENTRY_SIZE, opener);
  }

  /** Loads the file; false (and empty) when it is missing or out of order. */
  boolean load() throws IOException {
    ByteBuffer bytes = file.load();
    if (bytes == null) {
      return false;
    }
    int n = bytes.remaining() / ENTRY_SIZE;
    Entries loaded = new Entries(new long[Math.max(16, n)], new int[Math.max(16, n)]);
    long previousTimestamp = Long.MIN_VALUE;
    long previousOffset = -1;
    for (int i = 0; i < n; i++) {
      long timestamp = bytes.getLong();
      int relative = bytes.getInt();
      if (timestamp < previousTimestamp || relative <= previousOffset) {
        return false;
      }
      loaded.timestamps[i] = timestamp;
      loaded.offsets[i] = relative;
      previousTimestamp = timestamp;
      previousOffset = relative;
    }
    entries = loaded;
    size = n;
    return true;
  }

  int size() {
    return size;
  }

  /** Offset of the last entry, or -1 when empty. */
  long lastOffset() {
    int n = size;
    return n == 0 ? -1 : baseOffset + entries.offsets[n - 1];
  }

  /** Timestamp of the last entry, or -1 when empty. */
  long lastTimestamp() {
    int n = size;
    return n == 0 ? -1 : entries.timestamps[n - 1];
  }

  /** Adds an entry in memory only (rebuilding); {@link #writeAll()} then saves the lot. */
  void add(long timestamp, long offset) {
    int n = size;
    Entries e = entries;
    if (n == e.timestamps.length) {
      e = new Entries(Arrays.copyOf(e.timestamps, n * 2), Arrays.copyOf(e.offsets, n * 2));
      entries = e;
    }
    e.timestamps[n] = timestamp;
    e.offsets[n] = (int) (offset - baseOffset);
    size = n + 1;
  }

  /** Adds an entry and writes it to the file. */
  void append(long timestamp, long offset) throws IOException {
    int n = size;
    file.write(n, ByteBuffer.allocate(ENTRY_SIZE).putLong(timestamp).putInt((int) (offset - baseOffset)).flip());
    add(timestamp, offset);
  }

  /**
   * The offset of the greatest entry whose timestamp is before {@code timestamp}, or the segment's base
   * offset if none: the first batch at or after {@code timestamp} cannot start earlier. Strictly before,
   * because batches that share a millisecond may span several entries.
   */
  long floorOffsetBefore(long timestamp) {
    int n = size;
    Entries e = entries;
    int lo = 0;
    int hi = n - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (e.timestamps[mid] < timestamp) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? baseOffset : baseOffset + e.offsets[found];
  }

  /** Keeps the first {@code n} entries (a rollback or a rebuild). */
  void truncate(int n) throws IOException {
    size = n;
    file.truncate(n);
  }

  /** Empties the index in memory, before a rebuild. */
  void clear() {
    size = 0;
  }

  /** Replaces the file with the entries in memory. */
  void writeAll() throws IOException {
    int n = size;
    Entries e = entries;
    ByteBuffer bytes = ByteBuffer.allocate(n * ENTRY_SIZE);
    for (int i = 0; i < n; i++) {
      bytes.putLong(e.timestamps[i]).putInt(e.offsets[i]);
    }
    file.rewrite(bytes.flip());
  }

  void release() throws IOException {
    file.release();
  }

  void delete() throws IOException {
    file.delete();
  }
}
