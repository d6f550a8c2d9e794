package io.topicbus.log;

import io.vertx.core.Future;

import java.util.List;

/**
 * The log of one topic: records with dense offsets starting at 0, never reused, timestamps
 * non-decreasing in offset order. Appends are made by one thread (the broker's event loop); reads
 * may come concurrently from any thread and see only records whose append has completed.
 */
public interface TopicLog {

  String topic();

  /** The first retained offset; equals {@link #nextOffset()} when nothing is retained. */
  long firstOffset();

  /** One past the last readable record: the offset the next completed append gets. */
  long nextOffset();

  /** Records currently retained. */
  default long messageCount() {
    return nextOffset() - firstOffset();
  }

  /** Bytes the retained records take (on disk for the file log). */
  long sizeBytes();

  /** Segment files (memory chunks for the memory log). */
  int segmentCount();

  /**
   * Appends the drafts in order, as one unit: they get consecutive offsets and one timestamp, and
   * after a crash either all of them are there or none. The future completes on the caller's context
   * once the records are stored as {@code storage.fsync} promises, and only then are they readable.
   * It fails with {@link StorageException} when the log cannot store them (nothing is stored then).
   */
  Future<List<Record>> append(List<Draft> drafts);

  /**
   * Up to {@code maxRecords} consecutive records from {@code from} (raised to {@link #firstOffset()}),
   * stopping before their total {@link Record#size()} passes {@code maxBytes} (always at least one
   * when any is readable). Empty when {@code from >= nextOffset()}. May block on file I/O: call from
   * a worker thread. Throws {@link CorruptRecordException} when a record fails its checksum.
   */
  List<Record> read(long from, int maxRecords, long maxBytes);

  /** The first offset whose timestamp is at or after {@code timestamp}, or {@link #nextOffset()}. May block. */
  long offsetForTimestamp(long timestamp);

  /** True once a checksum failure has been found in this topic (reported by {@code /health}). */
  boolean corrupt();
}
