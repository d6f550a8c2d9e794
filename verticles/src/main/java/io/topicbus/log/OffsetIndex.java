package io.topicbus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Kafka's {@code OffsetIndex}: a sparse map from offset to file position inside one segment, so a read
 * starts near its batch instead of at the start of the file. There is an entry for the first batch after
 * every {@link #INTERVAL_BYTES} of log, and one for the last batch once the segment is sealed. Each entry
 * is (offset - baseOffset: int32, position: int32), big-endian, in a {@code .index} file.
 *
 * <p>Invariants: offsets and positions strictly increase, and every entry is where a batch starts.
 */
final class OffsetIndex extends SparseIndex {

  static final String SUFFIX = ".index";
  static final int ENTRY_SIZE = 8;
  static final int INTERVAL_BYTES = 4096;

  /** (offset - baseOffset) in the high half, position in the low half. */
  private volatile long[] entries = new long[16];

  OffsetIndex(Path path, long baseOffset, ChannelOpener opener) {
    super(path, baseOffset, ENTRY_SIZE, opener);
  }

  @Override
  protected boolean readEntries(ByteBuffer bytes, int n) {
    long[] loaded = new long[Math.max(16, n)];
    long previousOffset = -1;
    long previousPosition = -1;
    for (int i = 0; i < n; i++) {
      int relative = bytes.getInt();
      int position = bytes.getInt();
      if (relative <= previousOffset || position <= previousPosition) {
        return false;
      }
      loaded[i] = pack(relative, position);
      previousOffset = relative;
      previousPosition = position;
    }
    entries = loaded;
    return true;
  }

  @Override
  protected void writeEntry(ByteBuffer into, int i) {
    into.putInt((int) (entries[i] >>> 32)).putInt((int) entries[i]);
  }

  long offsetAt(int i) {
    return baseOffset + (entries[i] >>> 32);
  }

  int positionAt(int i) {
    return (int) entries[i];
  }

  /** Offset of the last entry, or -1 when empty. */
  long lastOffset() {
    int n = size;
    return n == 0 ? -1 : offsetAt(n - 1);
  }

  /** Adds an entry in memory only (rebuilding); {@link #writeAll()} then saves the lot. */
  void add(long offset, int position) {
    int n = size;
    long[] e = entries;
    if (n == e.length) {
      e = Arrays.copyOf(e, n * 2);
      entries = e;
    }
    e[n] = pack(offset - baseOffset, position);
    size = n + 1;
  }

  /** Adds an entry and writes it to the file. */
  void append(long offset, int position) throws IOException {
    add(offset, position);
    persistLast();
  }

  /** Position of the batch of the greatest entry at or before {@code offset}; 0 (the file's start) if none. */
  int floorPosition(long offset) {
    int n = size;
    long[] e = entries;
    long relative = offset - baseOffset;
    int lo = 0;
    int hi = n - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if ((e[mid] >>> 32) <= relative) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? 0 : (int) e[found];
  }

  private static long pack(long relativeOffset, int position) {
    return (relativeOffset << 32) | (position & 0xffffffffL);
  }
}
