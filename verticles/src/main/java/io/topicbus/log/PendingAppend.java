package io.topicbus.log;

import io.vertx.core.Context;
import io.vertx.core.Promise;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One {@link TopicLog#append} between the call and its completion: offsets and timestamp were assigned
 * when it was made (on the caller's event loop), it waits in the {@link GroupCommit} queue, the writer
 * thread writes it as one {@link RecordBatch}, and its future completes on the caller's context.
 */
final class PendingAppend {

  final FileTopicLog log;
  final List<Draft> drafts;
  /** The records as readers will see them; also what the tail cache keeps. */
  final List<Record> records;
  final long baseOffset;
  final long timestamp;
  /** The log's epoch when the offsets were assigned: a rollback since then makes them void. */
  final long epoch;
  private final Context context;
  private final Promise<List<Record>> promise;

  // Set by the writer thread when it writes the batch.
  ByteBuffer batch;
  FileTopicLog.Mark before;
  Segment segment;
  int endPosition;
  boolean failed;

  PendingAppend(FileTopicLog log, List<Draft> drafts, List<Record> records, long baseOffset, long timestamp,
                long epoch, Context context, Promise<List<Record>> promise) {
    this.log = log;
    this.drafts = drafts;
    this.records = records;
    this.baseOffset = baseOffset;
    this.timestamp = timestamp;
    this.epoch = epoch;
    this.context = context;
    this.promise = promise;
  }

  long nextOffset() {
    return baseOffset + records.size();
  }

  /** The context the caller appended from, where its future completes. */
  Context context() {
    return context;
  }

  /** Completes the future; call on {@link #context()} (the writer batches these per context). */
  void complete() {
    promise.complete(records);
  }

  void fail(StorageException error) {
    failed = true;
    context.runOnContext(v -> promise.fail(error));
  }
}
