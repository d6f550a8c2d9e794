package io.topicbus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Kafka's {@code TimeIndex}: a sparse map from timestamp to offset inside one segment, so
 * {@link TopicLog#offsetForTimestamp} starts near its batch. It gets an entry whenever the
 * {@link OffsetIndex} does (so every offset it names is also in the offset index), which includes the
 * last batch once the segment is sealed: its last timestamp is then the segment's newest. Each entry is
 * (timestamp: int64, offset - baseOffset: int32), big-endian, in a {@code .timeindex} file.
 *
 * <p>Invariants: timestamps never decrease, offsets strictly increase.
 */
final class TimeIndex extends SparseIndex {

  static final String SUFFIX = ".timeindex";
  static final int ENTRY_SIZE = 12;

  /** Both arrays swapped together when they grow, so a reader never pairs a new one with an old one. */
  private record Entries(long[] timestamps, int[] offsets) {
  }

  private volatile Entries entries = new Entries(new long[16], new int[16]);

  TimeIndex(Path path, long baseOffset, ChannelOpener opener) {
    super(path, baseOffset, ENTRY_SIZE, opener);
  }

  @Override
  protected boolean readEntries(ByteBuffer bytes, int n) {
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
    return true;
  }

  @Override
  protected void writeEntry(ByteBuffer into, int i) {
    Entries e = entries;
    into.putLong(e.timestamps[i]).putInt(e.offsets[i]);
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
    add(timestamp, offset);
    persistLast();
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
}
