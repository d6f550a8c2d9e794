package io.topicbus.log;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The file log of one topic: its directory of {@link Segment}s, the last of them active. Appends are
 * reserved on the caller's event loop and written by the store's {@link GroupCommit} thread; reads come
 * from any thread, from the {@link TailCache} when the records are fresh, else from the segments.
 *
 * <p>Invariants: offsets are dense from the first segment's base and never reused once acknowledged;
 * {@link #nextOffset()} moves only after an append completed (after its fsync with {@code always}), and it
 * is written last, after the segment's readable end and the tail cache, so a reader that sees an offset
 * finds its record. The segment array is replaced, never changed in place, by the writer thread only.
 */
final class FileTopicLog implements TopicLog {

  private static final Logger LOG = Logger.getLogger(FileTopicLog.class.getName());
  /** Bytes of batches written with one write at most: bounds the memory of one write. */
  static final int GROUP_BYTES = 4 * 1024 * 1024;

  /** Where a topic's files stood before an append: its active segment (null when it had none) and its state. */
  record Mark(Segment segment, Segment.Mark state) {
  }

  private final String topic;
  private final Path dir;
  private final FileLogStore store;
  private final TailCache.Tail tail = new TailCache.Tail();
  private final Set<Long> reportedDamage = ConcurrentHashMap.newKeySet();

  private volatile Segment[] segments;
  private volatile long firstOffset;
  private volatile long nextOffset;
  private volatile long sizeBytes;
  private volatile boolean corrupt;

  // Offset reservation: guarded by the group commit lock (see GroupCommit#submit and #rewind).
  private long reservedNext;
  private long lastTimestamp;
  private long epoch;

  /** A topic with no files yet: its directory and first segment are made by its first append. */
  FileTopicLog(String topic, Path dir, FileLogStore store) {
    this(topic, dir, store, new Recovery.Result(List.of(), 0, -1, false));
  }

  /** A topic as {@link Recovery} left it. */
  FileTopicLog(String topic, Path dir, FileLogStore store, Recovery.Result recovered) {
    this.topic = topic;
    this.dir = dir;
    this.store = store;
    this.segments = recovered.segments().toArray(new Segment[0]);
    this.nextOffset = recovered.nextOffset();
    this.firstOffset = segments.length == 0 ? recovered.nextOffset() : segments[0].baseOffset();
    this.corrupt = recovered.corrupt();
    this.reservedNext = recovered.nextOffset();
    this.lastTimestamp = recovered.lastTimestamp();
    long bytes = 0;
    for (Segment segment : segments) {
      bytes += segment.readableBytes();
    }
    this.sizeBytes = bytes;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public long firstOffset() {
    return firstOffset;
  }

  @Override
  public long nextOffset() {
    return nextOffset;
  }

  @Override
  public long sizeBytes() {
    return sizeBytes;
  }

  @Override
  public int segmentCount() {
    return segments.length;
  }

  @Override
  public boolean corrupt() {
    return corrupt;
  }

  // ---- appending ----

  @Override
  public Future<List<Record>> append(List<Draft> drafts) {
    if (drafts.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Context context = store.vertx().getOrCreateContext();
    Promise<List<Record>> promise = Promise.promise();
    store.groupCommit().submit(this, drafts, context, promise);
    return promise.future();
  }

  /** Assigns offsets and the timestamp at call time; under the group commit lock. */
  PendingAppend reserve(List<Draft> drafts, Context context, Promise<List<Record>> promise) {
    long timestamp = Math.max(System.currentTimeMillis(), lastTimestamp);
    lastTimestamp = timestamp;
    long base = reservedNext;
    reservedNext += drafts.size();
    List<Record> records = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      records.add(drafts.get(i).toRecord(base + i, timestamp));
    }
    return new PendingAppend(this, drafts, Collections.unmodifiableList(records), base, timestamp, epoch, context,
        promise);
  }

  /** After a failed append: offsets continue from {@code offset}, and appends reserved before are void. */
  void rewind(long offset) {
    reservedNext = offset;
    epoch++;
  }

  /** Whether an append's offsets are still valid (no rollback since it was reserved). Writer thread. */
  boolean holds(PendingAppend append) {
    return append.epoch == epoch;
  }

  /** A write of a topic's appends stopped at {@code index}: those before it are written, it is not. */
  static final class WriteFailure extends Exception {
    final int index;

    WriteFailure(int index, Throwable cause) {
      super(cause.getMessage(), cause);
      this.index = index;
    }
  }

  /**
   * Writes this topic's appends of one round (in offset order), each as one batch, rolling to a new
   * segment when the active one is full. The batches going to one segment are written with one write (up
   * to {@link #GROUP_BYTES}), then indexed one by one. Sets each append's mark, segment and end position.
   * Writer thread.
   */
  void write(List<PendingAppend> appends) throws WriteFailure {
    int at = 0;
    int i = 0;
    try {
      while (i < appends.size()) {
        at = i;
        PendingAppend first = appends.get(i);
        Segment active = segments.length == 0 ? null : segments[segments.length - 1];
        first.before = new Mark(active, active == null ? null : active.mark());
        int length = encode(first).remaining();
        if (active == null) {
          Files.createDirectories(dir);
          active = addSegment(first.baseOffset);
        } else if (active.writtenBytes() > 0 && active.writtenBytes() + (long) length > store.segmentBytes()) {
          Segment sealed = active;
          active = addSegment(first.baseOffset);
          sealed.seal();
        }
        List<ByteBuffer> group = new ArrayList<>();
        group.add(first.batch);
        long groupBytes = length;
        int end = i + 1;
        while (end < appends.size() && groupBytes < GROUP_BYTES && fitsGroup(appends.get(end), active, groupBytes)) {
          group.add(appends.get(end).batch);
          groupBytes += appends.get(end).batch.remaining();
          end++;
        }
        active.write(group);
        for (int k = i; k < end; k++) {
          at = k;
          PendingAppend append = appends.get(k);
          if (k > i) {
            append.before = new Mark(active, active.mark());
          }
          append.endPosition = active.takeWritten(append.baseOffset, append.records.size(), append.timestamp,
              append.batch.remaining());
          append.segment = active;
        }
        i = end;
      }
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      // OutOfMemoryError too: a batch too big to encode fails alone, the writer lives on.
      throw new WriteFailure(at, e);
    }
  }

  private ByteBuffer encode(PendingAppend append) {
    if (append.batch == null) {
      append.batch = RecordBatch.encode(append.baseOffset, append.timestamp, append.drafts, store.gzip());
    }
    return append.batch;
  }

  /** Whether {@code next} joins the group going to {@code active}; an encoding failure ends the group before it. */
  private boolean fitsGroup(PendingAppend next, Segment active, long groupBytes) {
    try {
      return active.writtenBytes() + groupBytes + encode(next).remaining() <= store.segmentBytes();
    } catch (RuntimeException | OutOfMemoryError e) {
      return false;
    }
  }

  private Segment addSegment(long baseOffset) throws IOException {
    Segment segment = Segment.create(dir, baseOffset, store.opener());
    Segment[] grown = Arrays.copyOf(segments, segments.length + 1);
    grown[grown.length - 1] = segment;
    segments = grown;
    store.syncDirectory(dir);
    return segment;
  }

  /** Makes a written append readable; in offset order, writer thread. */
  void publish(PendingAppend append) {
    append.segment.publish(append.endPosition, append.nextOffset(), append.timestamp);
    store.tailCache().add(tail, append.records);
    sizeBytes += append.batch.capacity();
    nextOffset = append.nextOffset();
  }

  /** Puts the files back where {@code mark} found them: later segments go, the marked one is cut back. */
  void rollbackTo(Mark mark) throws IOException {
    Segment[] all = segments;
    int keep = 0;
    if (mark.segment != null) {
      while (all[keep] != mark.segment) {
        keep++;
      }
      keep++;
    }
    segments = Arrays.copyOf(all, keep);
    if (mark.segment != null) {
      mark.segment.rollback(mark.state);
    }
    for (int i = keep; i < all.length; i++) {
      all[i].delete();
    }
  }

  // ---- retention ----

  /** Deletes whole old segments past retention; never the active one. Writer thread. */
  void enforceRetention(long now, long retentionMs, long retentionBytes) throws IOException {
    Segment[] all = segments;
    int drop = 0;
    long remaining = sizeBytes;
    while (drop < all.length - 1) {
      boolean expired = retentionMs >= 0 && all[drop].maxTimestamp() < now - retentionMs;
      boolean oversize = retentionBytes >= 0 && remaining > retentionBytes;
      if (!expired && !oversize) {
        break;
      }
      remaining -= all[drop].readableBytes();
      drop++;
    }
    if (drop == 0) {
      return;
    }
    Segment[] kept = Arrays.copyOfRange(all, drop, all.length);
    long first = kept[0].baseOffset();
    segments = kept;
    firstOffset = Math.max(firstOffset, first);
    sizeBytes = remaining;
    store.tailCache().dropBelow(tail, first);
    int dropped = drop;
    LOG.info(() -> "topic " + topic + ": retention deleted " + dropped + " segment(s); first offset now " + first);
    for (int i = 0; i < drop; i++) {
      all[i].delete();
    }
  }

  // ---- reading ----

  @Override
  public List<Record> read(long from, int maxRecords, long maxBytes) {
    while (true) {
      try {
        return readOnce(from, maxRecords, maxBytes);
      } catch (ClosedChannelException e) {
        failIfGone(e);
        // Retention deleted a segment under us: start again from the new first offset.
      } catch (IOException e) {
        throw new StorageException("cannot read topic " + topic + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public long offsetForTimestamp(long timestamp) {
    while (true) {
      try {
        return offsetForTimestampOnce(timestamp);
      } catch (ClosedChannelException e) {
        failIfGone(e);
      } catch (IOException e) {
        throw new StorageException("cannot read topic " + topic + ": " + e.getMessage(), e);
      }
    }
  }

  private void failIfGone(ClosedChannelException e) {
    if (e instanceof ClosedByInterruptException) {
      throw new StorageException("read of topic " + topic + " interrupted", e);
    }
    if (store.closed()) {
      throw new StorageException("log store is closed", e);
    }
  }

  private List<Record> readOnce(long from, int maxRecords, long maxBytes) throws IOException {
    long end = nextOffset;
    Segment[] all = segments;
    long offset = Math.max(from, firstOffset);
    if (maxRecords <= 0 || offset >= end || all.length == 0) {
      return List.of();
    }
    offset = Math.max(offset, all[0].baseOffset());
    Collector collector = new Collector(maxRecords, maxBytes);
    offset = tail.read(offset, end, collector);
    try {
      for (int i = segmentFor(all, offset); i < all.length && offset < end && !collector.stopped; i++) {
        offset = readSegment(all[i], offset, end, collector);
      }
    } catch (CorruptRecordException e) {
      // The good records before the damage are served; the read that starts at it fails, naming it.
      if (collector.records.isEmpty()) {
        throw e;
      }
    }
    return collector.records;
  }

  /** Reads from {@code offset} within one segment into {@code collector}; returns the offset reached. */
  private long readSegment(Segment segment, long offset, long end, Collector collector) throws IOException {
    long segmentEnd = Math.min(end, segment.readableNextOffset());
    BatchReader reader = new BatchReader(segment, segment.offsetIndex().floorPosition(offset),
        segment.readableBytes(), BatchReader.READ_BUFFER);
    RecordBatch batch;
    while (offset < segmentEnd && !collector.stopped && (batch = reader.next()) != null) {
      if (batch.nextOffset() <= offset) {
        continue;
      }
      if (batch.baseOffset() > offset) {
        throw damage(offset, offset, "no batch holds it");
      }
      if (!batch.checksumValid()) {
        throw damage(offset, batch.baseOffset(), "checksum mismatch");
      }
      offset = decode(batch, offset, segmentEnd, collector);
    }
    if (offset < segmentEnd && !collector.stopped) {
      throw damage(offset, offset, "the segment's batches end early");
    }
    return offset;
  }

  private long decode(RecordBatch batch, long from, long end, Collector collector) {
    long timestamp = batch.timestamp();
    long[] next = {from};
    boolean wellFormed;
    try {
      wellFormed = batch.forEachRecord(from, (offset, bytes, at, length) -> {
        if (offset >= end || !collector.fits(length + topic.length())) {
          return false;
        }
        collector.add(MessageJson.decode(topic, offset, timestamp, bytes, at, length));
        next[0] = offset + 1;
        return true;
      });
    } catch (RuntimeException e) {
      throw damage(next[0], batch.baseOffset(), "a record does not decode: " + e.getMessage());
    }
    if (!wellFormed) {
      throw damage(next[0], batch.baseOffset(), "malformed batch body");
    }
    return next[0];
  }

  private long offsetForTimestampOnce(long timestamp) throws IOException {
    long end = nextOffset;
    long first = firstOffset;
    for (Segment segment : segments) {
      long segmentEnd = Math.min(end, segment.readableNextOffset());
      if (segmentEnd <= first || segment.maxTimestamp() < timestamp) {
        continue;
      }
      long start = segment.timeIndex().floorOffsetBefore(timestamp);
      BatchReader reader = new BatchReader(segment, segment.offsetIndex().floorPosition(start),
          segment.readableBytes(), BatchReader.READ_BUFFER);
      RecordBatch batch;
      long reached = start;
      while ((batch = reader.next()) != null && batch.baseOffset() < segmentEnd) {
        if (batch.timestamp() >= timestamp && batch.nextOffset() > first) {
          if (!batch.checksumValid()) {
            throw damage(Math.max(first, batch.baseOffset()), batch.baseOffset(), "checksum mismatch");
          }
          return Math.max(first, batch.baseOffset());
        }
        reached = batch.nextOffset();
      }
      if (batch == null && !reader.atLimit()) {
        throw damage(reached, reached, "the segment's batches end early");
      }
    }
    return end;
  }

  /** Index of the last segment whose base offset is at or before {@code offset} (0 if none). */
  private static int segmentFor(Segment[] all, long offset) {
    int lo = 0;
    int hi = all.length - 1;
    int found = 0;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (all[mid].baseOffset() <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** A checksum or structure failure: never served, reported once per batch, and the topic is corrupt. */
  private CorruptRecordException damage(long offset, long batchOffset, String why) {
    corrupt = true;
    if (reportedDamage.add(batchOffset)) {
      LOG.severe(() -> "topic " + topic + ": record batch at offset " + batchOffset + " is damaged (" + why
          + "); it is not served");
    }
    return new CorruptRecordException(topic, offset);
  }

  /** Closes the files (store close, writer thread). */
  void close() {
    for (Segment segment : segments) {
      try {
        segment.close();
      } catch (IOException e) {
        LOG.warning("topic " + topic + ": closing " + segment + " failed: " + e.getMessage());
      }
    }
  }

  /** The records one read returns: up to maxRecords, within maxBytes (at least one), below the readable end. */
  private static final class Collector implements TailCache.ReadSink {
    final List<Record> records = new ArrayList<>();
    private final int maxRecords;
    private final long maxBytes;
    private long bytes;
    boolean stopped;

    Collector(int maxRecords, long maxBytes) {
      this.maxRecords = maxRecords;
      this.maxBytes = maxBytes;
    }

    /** Whether a record of {@code size} may still be added; once not, the read stops. */
    boolean fits(int size) {
      if (records.size() >= maxRecords || (!records.isEmpty() && bytes + size > maxBytes)) {
        stopped = true;
      }
      return !stopped;
    }

    void add(Record record) {
      records.add(record);
      bytes += record.size();
      if (records.size() >= maxRecords) {
        stopped = true;
      }
    }

    @Override
    public boolean offer(Record record) {
      if (!fits(record.size())) {
        return false;
      }
      add(record);
      return true;
    }
  }
}
