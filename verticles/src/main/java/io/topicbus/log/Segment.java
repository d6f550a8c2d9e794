package io.topicbus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Kafka's {@code LogSegment}: one {@code <baseOffset>.log} file of record batches with its
 * {@link OffsetIndex} and {@link TimeIndex} beside it, all named by the 20-digit base offset.
 *
 * <p>Two ends: the written end (writer thread only) and the readable end, published with volatile writes
 * once an append has completed. Readers never look past the readable end, so they never see a batch that
 * is half written, not yet fsynced, or about to be rolled back. Only the last segment of a topic (the
 * active one) is written; a sealed segment never changes again, apart from a rollback that reopens it.
 * All file access is positional, so readers on many threads share one channel.
 */
final class Segment {

  static final String LOG_SUFFIX = ".log";

  /** The writer state a rollback returns to: everything {@link #takeWritten} changes. */
  record Mark(int writtenBytes, long writtenNextOffset, int bytesSinceIndexEntry, int offsetEntries,
              int timeEntries, long lastBatchOffset, int lastBatchPosition, long lastBatchTimestamp,
              boolean sealed) {
  }

  private final long baseOffset;
  private final Path logPath;
  private final ChannelOpener opener;
  private final OffsetIndex offsetIndex;
  private final TimeIndex timeIndex;
  private volatile FileChannel channel;
  private volatile boolean closed;

  // The written end: writer thread only.
  private int writtenBytes;
  private long writtenNextOffset;
  private int bytesSinceIndexEntry;
  private long lastBatchOffset = -1;
  private int lastBatchPosition;
  private long lastBatchTimestamp = -1;
  private boolean sealed;

  // The readable end: published by the writer, read by anyone.
  private volatile int readableBytes;
  private volatile long readableNextOffset;
  private volatile long maxTimestamp = -1;

  private Segment(Path dir, long baseOffset, ChannelOpener opener) {
    this.baseOffset = baseOffset;
    this.logPath = dir.resolve(fileName(baseOffset, LOG_SUFFIX));
    this.opener = opener;
    this.offsetIndex = new OffsetIndex(dir.resolve(fileName(baseOffset, OffsetIndex.SUFFIX)), baseOffset, opener);
    this.timeIndex = new TimeIndex(dir.resolve(fileName(baseOffset, TimeIndex.SUFFIX)), baseOffset, opener);
    this.writtenNextOffset = baseOffset;
    this.readableNextOffset = baseOffset;
  }

  /** Kafka's naming: the base offset in 20 digits, so files sort by offset. */
  static String fileName(long baseOffset, String suffix) {
    return String.format("%020d%s", baseOffset, suffix);
  }

  /** A new, empty active segment with empty index files (stale files of those names are emptied). */
  static Segment create(Path dir, long baseOffset, ChannelOpener opener) throws IOException {
    Segment segment = new Segment(dir, baseOffset, opener);
    segment.offsetIndex.truncate(0);
    segment.timeIndex.truncate(0);
    segment.channel = opener.open(segment.logPath, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    return segment;
  }

  /** An existing segment file, for {@link Recovery} to check and restore. */
  static Segment open(Path dir, long baseOffset, ChannelOpener opener) throws IOException {
    Segment segment = new Segment(dir, baseOffset, opener);
    segment.channel = opener.open(segment.logPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return segment;
  }

  long baseOffset() {
    return baseOffset;
  }

  Path logPath() {
    return logPath;
  }

  OffsetIndex offsetIndex() {
    return offsetIndex;
  }

  TimeIndex timeIndex() {
    return timeIndex;
  }

  /** Bytes of whole batches readers may read. */
  int readableBytes() {
    return readableBytes;
  }

  /** One past the last readable offset (the base offset when nothing is readable). */
  long readableNextOffset() {
    return readableNextOffset;
  }

  /** Timestamp of the newest readable batch, -1 when none. */
  long maxTimestamp() {
    return maxTimestamp;
  }

  int writtenBytes() {
    return writtenBytes;
  }

  long fileSize() throws IOException {
    return onChannel(FileChannel::size);
  }

  // ---- writing: writer thread only ----

  Mark mark() {
    return new Mark(writtenBytes, writtenNextOffset, bytesSinceIndexEntry, offsetIndex.size(), timeIndex.size(),
        lastBatchOffset, lastBatchPosition, lastBatchTimestamp, sealed);
  }

  /**
   * Writes encoded batches back to back at the written end, with one write. They count as written only
   * as {@link #takeWritten} takes each in order; on failure the caller rolls back to a {@link #mark()}.
   */
  void write(List<ByteBuffer> batches) throws IOException {
    ByteBuffer bytes;
    if (batches.size() == 1) {
      bytes = batches.get(0).duplicate();
    } else {
      int total = 0;
      for (ByteBuffer batch : batches) {
        total = Math.addExact(total, batch.remaining());
      }
      bytes = ByteBuffer.allocate(total);
      for (ByteBuffer batch : batches) {
        bytes.put(batch.duplicate());
      }
      bytes.flip();
    }
    long at = writtenBytes;
    while (bytes.hasRemaining()) {
      long from = at;
      at += onChannel(ch -> ch.write(bytes, from));
    }
  }

  /** Takes the next batch {@link #write} wrote into the written end, indexing it when due; returns the new end. */
  int takeWritten(long batchOffset, int count, long timestamp, int length) throws IOException {
    indexBatch(batchOffset, writtenBytes, timestamp, length, true);
    writtenNextOffset = batchOffset + count;
    return writtenBytes;
  }

  /** Kafka's cadence: the first batch after more than {@link OffsetIndex#INTERVAL_BYTES} gets an entry. */
  private void indexBatch(long batchOffset, int position, long timestamp, int length, boolean persist)
      throws IOException {
    if (bytesSinceIndexEntry > OffsetIndex.INTERVAL_BYTES) {
      addIndexEntry(batchOffset, position, timestamp, persist);
      bytesSinceIndexEntry = 0;
    }
    bytesSinceIndexEntry += length;
    writtenBytes = position + length;
    lastBatchOffset = batchOffset;
    lastBatchPosition = position;
    lastBatchTimestamp = timestamp;
  }

  /** Records that a written batch is complete, so readers may see it. Call in offset order. */
  void publish(int endPosition, long nextOffset, long timestamp) {
    // Bytes first, offset last: a reader that reads the offset first then finds at least its bytes.
    readableBytes = endPosition;
    maxTimestamp = timestamp;
    readableNextOffset = nextOffset;
  }

  /**
   * Ends this segment's life as the active one: the last batch gets index entries (so its indexes
   * alone tell where the segment ends and how new it is), and the index files are closed.
   */
  void seal() throws IOException {
    addLastBatchEntries(true);
    offsetIndex.release();
    timeIndex.release();
    sealed = true;
  }

  /** The last batch's entries, unless the cadence gave it one already (both indexes name the same batches). */
  private void addLastBatchEntries(boolean persist) throws IOException {
    if (lastBatchOffset >= 0 && offsetIndex.lastOffset() != lastBatchOffset) {
      addIndexEntry(lastBatchOffset, lastBatchPosition, lastBatchTimestamp, persist);
    }
  }

  /** One entry in both indexes; written to their files too unless rebuilding (which saves them at the end). */
  private void addIndexEntry(long batchOffset, int position, long timestamp, boolean persist) throws IOException {
    if (persist) {
      offsetIndex.append(batchOffset, position);
      timeIndex.append(timestamp, batchOffset);
    } else {
      offsetIndex.add(batchOffset, position);
      timeIndex.add(timestamp, batchOffset);
    }
  }

  /** Undoes every append (and a seal) made after {@code mark}: the file, its indexes and the written end. */
  void rollback(Mark mark) throws IOException {
    // Memory first: if the files then fail to shrink, the next write still lands at the right place
    // (writes are positional) and recovery cuts whatever is left past the last good batch.
    writtenBytes = mark.writtenBytes;
    writtenNextOffset = mark.writtenNextOffset;
    bytesSinceIndexEntry = mark.bytesSinceIndexEntry;
    lastBatchOffset = mark.lastBatchOffset;
    lastBatchPosition = mark.lastBatchPosition;
    lastBatchTimestamp = mark.lastBatchTimestamp;
    sealed = mark.sealed;
    truncateChannel(mark.writtenBytes);
    offsetIndex.truncate(mark.offsetEntries);
    timeIndex.truncate(mark.timeEntries);
    if (sealed) {
      offsetIndex.release();
      timeIndex.release();
    }
  }

  long writtenNextOffset() {
    return writtenNextOffset;
  }

  /** fsync of the data (and the length it needs): what {@code storage.fsync: always} waits for. */
  void force() throws IOException {
    onChannel(ch -> {
      ch.force(false);
      return null;
    });
  }

  // ---- recovery: before any reader or writer ----

  /** Starts an index rebuild: both indexes empty, the written end at the file's start. */
  void beginRebuild() {
    offsetIndex.clear();
    timeIndex.clear();
    writtenBytes = 0;
    writtenNextOffset = baseOffset;
    bytesSinceIndexEntry = 0;
    lastBatchOffset = -1;
    lastBatchTimestamp = -1;
  }

  /** Takes one batch found at {@code position} during a rebuild, indexing it as append would have. */
  void rebuildWith(long batchOffset, long nextOffset, long timestamp, int length, int position) throws IOException {
    indexBatch(batchOffset, position, timestamp, length, false);
    writtenNextOffset = nextOffset;
  }

  /** Timestamp of the last batch written (or rebuilt), -1 when none. */
  long lastBatchTimestamp() {
    return lastBatchTimestamp;
  }

  /** Saves the rebuilt indexes (sealed ones with their last-batch entries) and makes it all readable. */
  void endRebuild(boolean seal) throws IOException {
    if (seal) {
      addLastBatchEntries(false);
    }
    offsetIndex.writeAll();
    timeIndex.writeAll();
    if (seal) {
      offsetIndex.release();
      timeIndex.release();
      sealed = true;
    }
    publish(writtenBytes, writtenNextOffset, lastBatchTimestamp);
  }

  /**
   * Restores a sealed segment whose indexes were trusted, from its last batch's header (which sits at the
   * last offset-index entry and ends at the end of the file).
   */
  void restoreSealed(RecordBatch lastBatch, int position) throws IOException {
    writtenBytes = position + lastBatch.sizeInBytes();
    writtenNextOffset = lastBatch.nextOffset();
    lastBatchOffset = lastBatch.baseOffset();
    lastBatchPosition = position;
    lastBatchTimestamp = lastBatch.timestamp();
    sealed = true;
    offsetIndex.release();
    timeIndex.release();
    publish(writtenBytes, writtenNextOffset, lastBatchTimestamp);
  }

  /** Cuts a torn or damaged tail off the file. */
  void truncateFile(long size) throws IOException {
    truncateChannel(size);
  }

  // ---- reading: any thread ----

  /** A positional read; see {@link #onChannel} for what happens when the channel was closed. */
  int read(ByteBuffer into, long position) throws IOException {
    return onChannel(ch -> ch.read(into, position));
  }

  private void truncateChannel(long size) throws IOException {
    onChannel(ch -> ch.truncate(size));
  }

  private interface ChannelCall<T> {
    T call(FileChannel channel) throws IOException;
  }

  /**
   * Runs {@code call} on the segment's channel. A reader thread interrupted inside a FileChannel closes it
   * for everybody: the channel is reopened and the call retried (the interrupted thread itself still gets
   * its exception). Throws ClosedChannelException once the segment is closed or deleted for good.
   */
  private <T> T onChannel(ChannelCall<T> call) throws IOException {
    while (true) {
      FileChannel ch = channel;
      try {
        return call.call(ch);
      } catch (ClosedByInterruptException e) {
        reopenAfter(ch, e);
        throw e;
      } catch (ClosedChannelException e) {
        reopenAfter(ch, e);
      }
    }
  }

  private synchronized void reopenAfter(FileChannel failed, ClosedChannelException cause) throws IOException {
    if (closed) {
      throw cause;
    }
    if (channel == failed) {
      channel = opener.open(logPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
  }

  // ---- end of life ----

  boolean closed() {
    return closed;
  }

  synchronized void close() throws IOException {
    closed = true;
    channel.close();
    offsetIndex.release();
    timeIndex.release();
  }

  /** Closes and removes the segment's files (retention, or a rollback of a roll). */
  void delete() throws IOException {
    close();
    offsetIndex.delete();
    timeIndex.delete();
    Files.deleteIfExists(logPath);
  }

  @Override
  public String toString() {
    return logPath.toString();
  }
}
