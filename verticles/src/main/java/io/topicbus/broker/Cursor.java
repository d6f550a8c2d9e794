package io.topicbus.broker;

import io.topicbus.log.CorruptRecordException;
import io.topicbus.log.Record;
import io.topicbus.log.TopicLog;

import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A worker's reading position in one topic. The broker thread creates cursors and marks them
 * dirty; only the worker thread reads and moves them. {@code position} is volatile so the broker
 * can report lag. For a group, {@code outstanding} holds offsets read but not yet finished (acked,
 * filtered out or dead-lettered): the committed position is the lowest of them.
 */
final class Cursor {

  private static final Logger LOG = LoggerFactory.getLogger(Cursor.class);

  final TopicLog log;
  private Start start;
  private volatile long position = -1;
  /** Set while the cursor sits in its worker's dirty queue, so it is queued at most once. */
  final AtomicBoolean queued = new AtomicBoolean();
  private final TreeSet<Long> outstanding;
  private volatile long skipped;

  Cursor(TopicLog log, Start start, boolean tracksOutstanding) {
    this.log = log;
    this.start = start;
    this.outstanding = tracksOutstanding ? new TreeSet<>() : null;
    if (start.resolvesWithoutIo()) {
      position = start.resolve(log);
      this.start = null;
    }
  }

  String topic() {
    return log.topic();
  }

  /** Records not yet read by the worker (an estimate before a timestamp start is resolved). */
  long lag() {
    long p = position;
    return p < 0 ? log.messageCount() : Math.max(0, log.nextOffset() - Math.max(p, log.firstOffset()));
  }

  /** Worker thread: the next records, moving the position past them. May block on file reads. */
  List<Record> readNext(int max, long maxBytes) {
    if (start != null) {
      position = start.resolve(log);
      start = null;
    }
    long first = log.firstOffset();
    if (position < first) {
      skipped = skipped + (first - position); // one writer (the worker); volatile for the broker's listing
      position = first;
    }
    List<Record> records;
    try {
      records = log.read(position, max, maxBytes);
    } catch (CorruptRecordException e) {
      // A record that fails its checksum is never served. The log and /health say so; the subscription
      // steps past it (counted as skipped) instead of stalling behind it forever.
      LOG.error(e.getMessage() + ": not delivered, skipped");
      skipped = skipped + 1;
      position = e.offset() + 1;
      return List.of();
    }
    if (!records.isEmpty()) {
      position = records.get(records.size() - 1).offset() + 1;
      if (outstanding != null) {
        records.forEach(r -> outstanding.add(r.offset()));
      }
    }
    return records;
  }

  boolean hasMore() {
    return position < 0 || position < log.nextOffset();
  }

  /** Worker thread: {@code offset} is done for good. Returns the new committed position. */
  long finished(long offset) {
    outstanding.remove(offset);
    return committed();
  }

  long committed() {
    return outstanding.isEmpty() ? position : outstanding.first();
  }

  /** Records skipped: removed by retention before they were read, or corrupt. */
  long skipped() {
    return skipped;
  }
}
