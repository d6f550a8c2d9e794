package io.topicbus.log;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads whole record batches one after another from a segment, through one buffer of positional reads
 * (so any number of readers share a file safely), never past {@code limit}: the segment's readable end,
 * or its file size during recovery. Bytes past the limit may be a batch still being written, and are
 * never looked at. A returned batch is a view of the buffer, valid until the next call.
 */
final class BatchReader {

  static final int READ_BUFFER = 64 * 1024;
  static final int SCAN_BUFFER = 1024 * 1024;

  private final Segment segment;
  private final long limit;
  private ByteBuffer buffer;
  /** File position of buffer index 0. */
  private long bufferStart;
  /** Valid bytes in the buffer. */
  private int buffered;
  /** File position of the next batch. */
  private long position;

  BatchReader(Segment segment, long position, long limit, int bufferSize) {
    this.segment = segment;
    this.position = position;
    this.limit = limit;
    this.bufferStart = position;
    this.buffer = ByteBuffer.allocate((int) Math.max(RecordBatch.HEADER_SIZE, Math.min(bufferSize, limit - position)));
  }

  /**
   * The batch at {@link #position()}, then moves past it; null at the limit, or when the bytes there are
   * not a whole batch with a plausible header (then {@link #atLimit()} is false: a torn or damaged spot).
   */
  RecordBatch next() throws IOException {
    long available = limit - position;
    if (available < RecordBatch.HEADER_SIZE || !fill(RecordBatch.HEADER_SIZE)) {
      return null;
    }
    int at = (int) (position - bufferStart);
    RecordBatch header = new RecordBatch(buffer.slice(at, RecordBatch.HEADER_SIZE));
    if (!header.plausible(available)) {
      return null;
    }
    int size = header.sizeInBytes();
    if (!fill(size)) {
      return null;
    }
    at = (int) (position - bufferStart);
    position += size;
    return new RecordBatch(buffer.slice(at, size));
  }

  /** File position of the next batch: after a null from {@link #next()}, where the readable batches end. */
  long position() {
    return position;
  }

  boolean atLimit() {
    return position >= limit;
  }

  /** Makes sure bytes [position, position + n) are buffered; false when the file ends first. */
  private boolean fill(int n) throws IOException {
    int at = (int) (position - bufferStart);
    if (at + n <= buffered) {
      return true;
    }
    int kept = buffered - at;
    ByteBuffer target = n > buffer.capacity() ? ByteBuffer.allocate(n) : buffer;
    System.arraycopy(buffer.array(), at, target.array(), 0, kept);
    buffer = target;
    bufferStart = position;
    buffered = kept;
    int want = (int) Math.min(buffer.capacity(), limit - position);
    ByteBuffer into = buffer.clear().position(kept).limit(want);
    while (into.position() < n) {
      if (segment.read(into, bufferStart + into.position()) < 0) {
        break;
      }
    }
    buffered = into.position();
    return buffered >= n;
  }
}
