package io.topicbus.log;

import io.topicbus.config.StorageConfig.Fsync;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer thread of a store, and its group commit: it drains every queued append of every topic
 * (a round), writes each append as one batch (a topic's batches for one segment with one write), then
 * with {@code fsync: always} forces each file it dirtied once and only then completes them all, so
 * concurrent appends share one fsync. With {@code interval} it completes after the writes and forces
 * every {@code fsyncIntervalMs}; with {@code never} the OS decides ({@link #shutdown} still forces).
 *
 * <p>Invariants: the queue is in offset order per topic, because offsets are assigned under the same lock
 * that enqueues; all file writes, rolls, rollbacks and retention happen on this thread, so a topic's
 * files have a single writer. When an append fails (its write or its fsync), it and every later append
 * of its topic still in flight fail, the files go back to the state before it, and the topic's next
 * offset goes back to the failed append's base offset: those offsets are reused, which is safe because
 * they were never acknowledged.
 */
final class GroupCommit {

  private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

  /** Work other than appends, run between two rounds on the writer thread. */
  private record Job<T>(Callable<T> work, Context context, Promise<T> promise, boolean last) {

    void run() {
      T result;
      try {
        result = work.call();
      } catch (Exception e) {
        StorageException error = e instanceof StorageException s ? s : new StorageException(e.getMessage(), e);
        context.runOnContext(v -> promise.fail(error));
        return;
      }
      context.runOnContext(v -> promise.complete(result));
    }
  }

  private final Fsync fsync;
  private final long intervalNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Thread thread;
  private final AtomicLong fsyncs = new AtomicLong();
  /** The last round that wrote something failed to write or force it (cleared by the next good round). */
  private volatile boolean failing;
  // Guarded by lock.
  private ArrayDeque<Object> queue = new ArrayDeque<>();
  private boolean closed;
  // Writer thread only.
  private final Set<Segment> unforced = new LinkedHashSet<>();
  private long forceDeadline;

  GroupCommit(Fsync fsync, int fsyncIntervalMs) {
    this.fsync = fsync;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(fsyncIntervalMs);
    // Daemon: a store nobody closed must not keep the JVM alive; close() is what flushes.
    this.thread = new Thread(this::loop, "topicbus-log-writer");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** False while writes fail (disk full, I/O errors): reported by {@code /health} and a metric. */
  boolean writable() {
    return !failing;
  }

  /** fsyncs of segment files so far (the group commit test counts them). */
  long fsyncCount() {
    return fsyncs.get();
  }

  /**
   * Assigns the drafts their offsets (in call order) and queues them; called on the caller's event loop,
   * it never waits for I/O. A closed store fails the promise at once.
   */
  void submit(FileTopicLog log, List<Draft> drafts, Context context, Promise<List<Record>> promise) {
    lock.lock();
    try {
      if (closed) {
        promise.fail(new StorageException("log store is closed: topic " + log.topic() + " takes no appends"));
        return;
      }
      queue.addLast(log.reserve(drafts, context, promise));
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code job} on the writer thread after the appends queued before it; completes on {@code context}. */
  <T> Future<T> execute(Context context, Callable<T> job) {
    return enqueue(context, job, false);
  }

  /**
   * Stops taking appends, writes and forces everything queued, runs {@code last} (closing the files) and
   * ends the thread.
   */
  Future<Void> shutdown(Context context, Callable<Void> last) {
    return enqueue(context, last, true);
  }

  private <T> Future<T> enqueue(Context context, Callable<T> job, boolean last) {
    Promise<T> promise = Promise.promise();
    lock.lock();
    try {
      if (closed) {
        return Future.failedFuture(new StorageException("log store is closed"));
      }
      if (last) {
        closed = true;
      }
      queue.addLast(new Job<>(job, context, promise, last));
      work.signal();
    } finally {
      lock.unlock();
    }
    return promise.future();
  }

  /** Puts a topic's offsets back after a failed append (see the class comment). */
  void rewind(FileTopicLog log, long offset) {
    lock.lock();
    try {
      log.rewind(offset);
    } finally {
      lock.unlock();
    }
  }

  private void loop() {
    while (true) {
      ArrayDeque<Object> round = takeRound();
      if (round == null) {
        forceUnforced();
        continue;
      }
      List<PendingAppend> appends = new ArrayList<>();
      for (Object task : round) {
        if (task instanceof PendingAppend append) {
          appends.add(append);
          continue;
        }
        commit(appends);
        appends.clear();
        Job<?> job = (Job<?>) task;
        if (job.last) {
          forceUnforced();
        }
        job.run();
        if (job.last) {
          return;
        }
      }
      commit(appends);
      if (fsync == Fsync.INTERVAL && !unforced.isEmpty() && System.nanoTime() - forceDeadline >= 0) {
        forceUnforced();
      }
    }
  }

  /** Everything queued, once there is something; null when an interval force is due first. */
  private ArrayDeque<Object> takeRound() {
    lock.lock();
    try {
      while (queue.isEmpty()) {
        try {
          if (fsync == Fsync.INTERVAL && !unforced.isEmpty()) {
            long wait = forceDeadline - System.nanoTime();
            if (wait <= 0) {
              return null;
            }
            work.awaitNanos(wait);
          } else {
            work.await();
          }
        } catch (InterruptedException e) {
          // Nobody should interrupt the writer; losing its queue would lose appends, so it carries on.
          LOG.warning("log writer thread interrupted; ignored");
        }
      }
      ArrayDeque<Object> round = queue;
      queue = new ArrayDeque<>();
      return round;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes a round of appends, each topic's together, forces what they dirtied when the mode asks, then
   * completes them in queue order.
   */
  private void commit(List<PendingAppend> appends) {
    if (appends.isEmpty()) {
      return;
    }
    Map<FileTopicLog, List<PendingAppend>> byTopic = new LinkedHashMap<>();
    for (PendingAppend append : appends) {
      if (append.log.holds(append)) {
        byTopic.computeIfAbsent(append.log, log -> new ArrayList<>()).add(append);
      } else {
        failBehind(append);
      }
    }
    Set<Segment> dirty = new LinkedHashSet<>();
    for (Map.Entry<FileTopicLog, List<PendingAppend>> topic : byTopic.entrySet()) {
      List<PendingAppend> list = topic.getValue();
      int written = list.size();
      try {
        topic.getKey().write(list);
      } catch (FileTopicLog.WriteFailure failure) {
        written = failure.index;
        undo(list.get(written), failure.getCause());
        list.subList(written + 1, list.size()).forEach(this::failBehind);
      }
      for (PendingAppend append : list.subList(0, written)) {
        dirty.add(append.segment);
        Segment previous = append.before.segment();
        if (fsync != Fsync.ALWAYS && previous != null && previous != append.segment) {
          // A roll sealed the previous segment: force it once now, so the set of unforced segments holds
          // active ones only (and close() need not force every segment ever written).
          force(previous);
          dirty.remove(previous);
          unforced.remove(previous);
        }
      }
    }
    Set<Segment> failed = new HashSet<>();
    if (fsync == Fsync.ALWAYS) {
      for (Segment segment : dirty) {
        if (!force(segment)) {
          failed.add(segment);
        }
      }
    } else {
      if (unforced.isEmpty()) {
        forceDeadline = System.nanoTime() + intervalNanos;
      }
      unforced.addAll(dirty);
    }
    Set<FileTopicLog> undone = new HashSet<>();
    Map<Context, List<PendingAppend>> stored = new LinkedHashMap<>();
    for (PendingAppend append : appends) {
      if (append.failed) {
        continue;
      }
      if (undone.contains(append.log)) {
        failBehind(append);
      } else if (failed.contains(append.segment)) {
        undone.add(append.log);
        undo(append, new IOException("fsync of " + append.segment + " failed"));
      } else {
        append.log.publish(append);
        stored.computeIfAbsent(append.context(), context -> new ArrayList<>()).add(append);
      }
    }
    failing = !undone.isEmpty() || appends.stream().anyMatch(append -> append.failed);
    // One task per caller context, not per append: completions keep their order and cost one hop.
    stored.forEach((context, completed) -> context.runOnContext(v -> completed.forEach(PendingAppend::complete)));
  }

  /** An append whose offsets followed a failed one's: never written, it fails too. */
  private void failBehind(PendingAppend append) {
    append.fail(new StorageException("not stored: an earlier append to topic " + append.log.topic() + " failed"));
  }

  /** Takes {@code append} and everything after it in its topic off the disk, and fails it. */
  private void undo(PendingAppend append, Throwable cause) {
    String topic = append.log.topic();
    LOG.log(Level.SEVERE, "topic " + topic + ": append at offset " + append.baseOffset + " failed; rolled back", cause);
    try {
      append.log.rollbackTo(append.before);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.SEVERE, "topic " + topic + ": rolling back a failed append failed too", e);
    }
    rewind(append.log, append.baseOffset);
    append.fail(new StorageException("cannot store to topic " + topic + ": " + cause.getMessage(), cause));
  }

  private boolean force(Segment segment) {
    if (segment.closed()) {
      return true;
    }
    fsyncs.incrementAndGet();
    try {
      segment.force();
      return true;
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "fsync of " + segment + " failed", e);
      failing = true;
      return false;
    }
  }

  /** The interval (and shutdown) force: the appends were acknowledged already, so a failure is only logged. */
  private void forceUnforced() {
    for (Segment segment : unforced) {
      if (!force(segment)) {
        LOG.severe("records acknowledged in " + segment + " may not survive a power failure");
      }
    }
    unforced.clear();
  }
}
