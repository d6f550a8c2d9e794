package io.topicbus.log;

import io.topicbus.config.StorageConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code storage.mode: file}: durable topic logs and group positions under {@code storage.dir}.
 *
 * <h2>On-disk layout</h2>
 * <pre>
 * &lt;storage.dir&gt;/
 *   groups.json                      committed group positions (FilePositionStore)
 *   topics/
 *     orders.eu.created/             one directory per topic (TopicDirName)
 *       00000000000000000000.log        segment: record batches, named by its base offset
 *       00000000000000000000.index      sparse offset index of that segment
 *       00000000000000000000.timeindex  sparse time index of that segment
 *       00000000000000052731.log        the next segment, starting at offset 52731
 *       ...
 *     _orders.eu.created/            the topic "Orders.eu.created"
 * </pre>
 * <ul>
 *   <li><b>Topic directories</b> ({@link TopicDirName}): the name with each upper-case letter written as
 *       {@code _} plus its lower-case form and {@code _} as {@code __}; no directory name has an upper-case
 *       letter, so {@code Orders} and {@code orders} never share files on case-insensitive file systems.
 *       Names over 200 characters continue in a subdirectory; a component ending in {@code +} is a
 *       continuation.</li>
 *   <li><b>Segments</b> ({@link Segment}): append-only files of record batches; a new segment starts when
 *       the next batch would take the active one past {@code storage.segmentBytes}. A batch is never split,
 *       so a batch bigger than that gets a segment of its own.</li>
 *   <li><b>Record batches</b> ({@link RecordBatch}): one per append: a 34-byte header (base offset, length,
 *       CRC32C, magic 1, attributes with the gzip bit, record count, timestamp, body length), then each
 *       record's message JSON ({@link MessageJson}) with an int32 length prefix; with
 *       {@code storage.compression: gzip} that body is gzipped. The CRC32C covers the whole batch but
 *       itself. All records of a batch share one timestamp; timestamps never decrease along the log.</li>
 *   <li><b>Indexes</b> ({@link OffsetIndex}, {@link TimeIndex}): an entry for the first batch after every
 *       4 KiB of log, plus one for the last batch when a segment is sealed. {@code .index} entries are
 *       (offset - base: int32, file position: int32); {@code .timeindex} entries are (timestamp: int64,
 *       offset - base: int32). Both can always be rebuilt from the segment.</li>
 *   <li><b>groups.json</b> ({@link FilePositionStore}): {@code {"version":1,"groups":{g:{topic:offset}}}},
 *       replaced atomically (write temporary file, fsync, rename) about every second and on close.</li>
 * </ul>
 *
 * <h2>Durability and recovery</h2>
 * Every append is one batch written by one thread ({@link GroupCommit}). {@code storage.fsync: always}
 * completes an append only after an fsync of its segment, shared by all appends written in the same
 * round (group commit); {@code interval} completes after the write and forces every
 * {@code fsyncIntervalMs}; {@code never} leaves flushing to the OS (close() still forces). Records are
 * readable only once their append completed. A failed write or fsync fails the append (and later
 * in-flight appends of that topic) with {@link StorageException} and cuts the files back; those offsets
 * are then reused, as they were never acknowledged.
 * <p>{@link #open()} runs {@link Recovery} on each topic: the active segment is scanned and a torn tail
 * (a batch a crash cut, or garbage) is truncated and logged, so a batch is there whole or not at all;
 * older segments are trusted when their indexes are consistent with the file, otherwise scanned and
 * re-indexed. A batch failing its checksum in the middle of the log is kept but never served: a read
 * returns the good records before it, a read that starts at it throws {@link CorruptRecordException}
 * naming the topic and offset, the topic reports {@code corrupt()}, and the log says so.
 * Group positions are saved about every second, so after a crash a group may receive again up to about
 * a second of messages it had finished (at-least-once).
 *
 * <p>Reads: the newest records (64 MiB of them per store, {@link TailCache}) are served from memory as
 * appended; older ones from the segments, decoded by {@link MessageJson} (numbers stay exact).
 * {@code sizeBytes()} counts a topic's {@code .log} files.
 *
 * <p>Threads: appends may be called from an event loop (they never block); reads and
 * {@code offsetForTimestamp} block on file I/O and belong on worker threads; open, retention, close and
 * position saves run off the event loop. File descriptors: one per sealed segment, three per active one.
 */
public final class FileLogStore implements LogStore {

  private static final Logger LOG = Logger.getLogger(FileLogStore.class.getName());
  static final String TOPICS = "topics";
  static final long POSITION_FLUSH_MS = 1000;

  private enum State { NEW, OPEN, CLOSED }

  private final Vertx vertx;
  private final StorageConfig config;
  private final Path root;
  private final Path topicsDir;
  private final long segmentBytes;
  private final ChannelOpener opener;
  private final TailCache tailCache;
  private final GroupCommit groupCommit;
  private final FilePositionStore positions;
  private final Map<String, FileTopicLog> topics = new ConcurrentHashMap<>();
  private volatile State state = State.NEW;
  private Future<Void> opening;
  private Future<Void> closing;
  private long flushTimer = -1;

  public FileLogStore(Vertx vertx, StorageConfig config) {
    this(vertx, config, TailCache.DEFAULT_MAX_BYTES, ChannelOpener.DEFAULT);
  }

  /** With a tail cache of {@code tailCacheBytes} (0: none) and files opened by {@code opener} (tests). */
  FileLogStore(Vertx vertx, StorageConfig config, long tailCacheBytes, ChannelOpener opener) {
    this.vertx = vertx;
    this.config = config;
    this.root = Path.of(config.dir());
    this.topicsDir = root.resolve(TOPICS);
    // Positions inside a segment are int32.
    this.segmentBytes = Math.min(config.segmentBytes(), Integer.MAX_VALUE);
    this.opener = opener;
    this.tailCache = new TailCache(tailCacheBytes);
    this.groupCommit = new GroupCommit(config.fsync(), config.fsyncIntervalMs());
    this.positions = new FilePositionStore(root);
  }

  @Override
  public synchronized Future<Void> open() {
    if (opening != null) {
      return opening;
    }
    opening = vertx.<Void>executeBlocking(() -> {
      Files.createDirectories(topicsDir);
      long started = System.nanoTime();
      recoverTopics(topicsDir);
      positions.load();
      groupCommit.start();
      long ms = (System.nanoTime() - started) / 1_000_000;
      LOG.info(() -> "opened " + topics.size() + " topic(s) under " + root.toAbsolutePath() + " in " + ms + " ms");
      return null;
    }).onSuccess(v -> {
      synchronized (this) {
        state = State.OPEN;
        flushTimer = vertx.setPeriodic(POSITION_FLUSH_MS, id -> flushPositions());
      }
    });
    return opening;
  }

  /** Opens every topic directory under {@code dir}, descending into continued (long) names. */
  private void recoverTopics(Path dir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path entry : entries) {
        if (entry.getFileName().toString().endsWith(String.valueOf(TopicDirName.CONTINUED))) {
          recoverTopics(entry);
          continue;
        }
        Path relative = topicsDir.relativize(entry);
        String topic = TopicDirName.decode(relative);
        if (topic == null || !TopicDirName.encode(topic).equals(relative)) {
          LOG.warning(() -> "ignoring " + entry + ": not a topic directory");
          continue;
        }
        topics.put(topic, new FileTopicLog(topic, entry, this, Recovery.recover(topic, entry, opener)));
      }
    }
  }

  private void flushPositions() {
    vertx.executeBlocking(() -> {
      positions.flush();
      return null;
    }, false).onFailure(e -> LOG.log(Level.WARNING, "saving group positions failed", e));
  }

  @Override
  public TopicLog get(String topic) {
    return topics.get(topic);
  }

  @Override
  public TopicLog getOrCreate(String topic) {
    if (state == State.NEW) {
      throw new IllegalStateException("open() the log store first");
    }
    return topics.computeIfAbsent(topic, t -> new FileTopicLog(t, topicsDir.resolve(TopicDirName.encode(t)), this));
  }

  @Override
  public Collection<TopicLog> topics() {
    return Collections.unmodifiableCollection(topics.values());
  }

  @Override
  public int topicCount() {
    return topics.size();
  }

  @Override
  public boolean writable() {
    return groupCommit.writable();
  }

  @Override
  public PositionStore positions() {
    return positions;
  }

  @Override
  public Future<Void> enforceRetention(long now) {
    return groupCommit.execute(vertx.getOrCreateContext(), () -> {
      IOException failure = null;
      for (FileTopicLog log : topics.values()) {
        try {
          log.enforceRetention(now, config.retentionMs(), config.retentionBytes());
        } catch (IOException e) {
          LOG.log(Level.WARNING, "retention of topic " + log.topic() + " failed", e);
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        throw new StorageException("retention failed: " + failure.getMessage(), failure);
      }
      return null;
    });
  }

  @Override
  public synchronized Future<Void> close() {
    if (closing != null) {
      return closing;
    }
    if (opening == null) {
      state = State.CLOSED;
      closing = Future.succeededFuture();
      return closing;
    }
    Context context = vertx.getOrCreateContext();
    closing = opening.transform(opened -> {
      synchronized (this) {
        state = State.CLOSED;
        if (flushTimer >= 0) {
          vertx.cancelTimer(flushTimer);
        }
      }
      if (opened.failed()) {
        return Future.<Void>succeededFuture();
      }
      return groupCommit.shutdown(context, () -> {
        topics.values().forEach(FileTopicLog::close);
        positions.flush();
        return null;
      });
    });
    return closing;
  }

  // ---- what the topic logs share ----

  Vertx vertx() {
    return vertx;
  }

  GroupCommit groupCommit() {
    return groupCommit;
  }

  TailCache tailCache() {
    return tailCache;
  }

  ChannelOpener opener() {
    return opener;
  }

  long segmentBytes() {
    return segmentBytes;
  }

  boolean gzip() {
    return config.compression() == StorageConfig.Compression.GZIP;
  }

  /**
   * With {@code fsync: always}, makes new entries in {@code dir} (a segment file, a topic directory)
   * durable, and the entries naming {@code dir} itself, up to {@code topics/}.
   */
  void syncDirectory(Path dir) {
    if (config.fsync() != StorageConfig.Fsync.ALWAYS) {
      return;
    }
    for (Path d = dir; d != null && d.startsWith(topicsDir); d = d.getParent()) {
      DirectorySync.force(d);
    }
  }

  boolean closed() {
    return state == State.CLOSED;
  }

  /** fsyncs of segment files so far (group commit test). */
  long fsyncCount() {
    return groupCommit.fsyncCount();
  }
}
