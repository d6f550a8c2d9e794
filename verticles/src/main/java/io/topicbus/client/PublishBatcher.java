package io.topicbus.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Collects publishes into batches of at most {@code batchSize}, sent when full or {@code lingerMs}
 * after the first one arrived, in the order they were made. Thread-safe (publishers on several
 * threads share one batch); sending happens outside the lock.
 */
final class PublishBatcher {

  private final Vertx vertx;
  private final int batchSize;
  private final long lingerMs;
  private final BiConsumer<List<JsonObject>, List<Promise<JsonObject>>> send;

  private List<JsonObject> messages = new ArrayList<>();
  private List<Promise<JsonObject>> promises = new ArrayList<>();
  private long generation;

  PublishBatcher(Vertx vertx, int batchSize, long lingerMs,
                 BiConsumer<List<JsonObject>, List<Promise<JsonObject>>> send) {
    this.vertx = vertx;
    this.batchSize = batchSize;
    this.lingerMs = lingerMs;
    this.send = send;
  }

  Future<JsonObject> add(JsonObject message) {
    Promise<JsonObject> promise = Promise.promise();
    boolean full;
    boolean first;
    long batch;
    synchronized (this) {
      messages.add(message);
      promises.add(promise);
      full = messages.size() >= batchSize;
      first = messages.size() == 1;
      batch = generation;
    }
    if (full) {
      flush();
    } else if (first) {
      if (lingerMs == 0) {
        vertx.getOrCreateContext().runOnContext(v -> flushIf(batch));
      } else {
        vertx.setTimer(lingerMs, t -> flushIf(batch));
      }
    }
    return promise.future();
  }

  private void flushIf(long batch) {
    synchronized (this) {
      if (generation != batch) {
        return;
      }
    }
    flush();
  }

  void flush() {
    List<JsonObject> out;
    List<Promise<JsonObject>> waiting;
    synchronized (this) {
      if (messages.isEmpty()) {
        return;
      }
      out = messages;
      waiting = promises;
      messages = new ArrayList<>();
      promises = new ArrayList<>();
      generation++;
    }
    send.accept(out, waiting);
  }
}
