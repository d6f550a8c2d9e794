package io.topicbus.inventory;

import io.topicbus.api.Failure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A journal for unit tests: keeps every commit it was given, in order, and answers each one
 * asynchronously (on its own thread, like the event bus would), or holds it until released, or
 * fails it on request.
 */
final class RecordingJournal implements Journal {

  private final List<List<JsonObject>> commits = new ArrayList<>();
  private final List<Promise<Void>> held = new ArrayList<>();
  private final ExecutorService answers = Executors.newSingleThreadExecutor();
  private boolean holding;
  private int failNext;

  @Override
  public synchronized Future<Void> record(List<JsonObject> messages) {
    Promise<Void> promise = Promise.promise();
    if (failNext > 0) {
      failNext--;
      answers.execute(() -> promise.fail(Failure.unavailable("storage: disk on fire")));
      return promise.future();
    }
    commits.add(List.copyOf(messages));
    if (holding) {
      held.add(promise);
    } else {
      answers.execute(promise::complete);
    }
    return promise.future();
  }

  /** Commits from now on wait for {@link #release}, {@link #failHeld} or {@link #resume}. */
  synchronized void hold() {
    holding = true;
  }

  /** Answers the commits held so far as stored; later ones are still held. */
  void release() {
    takeHeld().forEach(Promise::complete);
  }

  /** Stops holding, and answers the commits held so far as stored. */
  void resume() {
    synchronized (this) {
      holding = false;
    }
    release();
  }

  /** Answers the commits held so far as failed (they were not stored); later ones are still held. */
  void failHeld() {
    List<Promise<Void>> failing;
    synchronized (this) {
      failing = takeHeld();
      commits.subList(commits.size() - failing.size(), commits.size()).clear();
    }
    for (Promise<Void> promise : failing) {
      promise.fail(Failure.unavailable("storage: disk on fire"));
    }
  }

  synchronized void failNext(int count) {
    failNext = count;
  }

  synchronized int heldCount() {
    return held.size();
  }

  synchronized List<List<JsonObject>> commits() {
    return List.copyOf(commits);
  }

  /** The payloads of every stored message on {@code topic}, in journal order. */
  synchronized List<JsonObject> payloads(String topic) {
    List<JsonObject> out = new ArrayList<>();
    for (List<JsonObject> commit : commits) {
      for (JsonObject message : commit) {
        if (message.getString("topic").equals(topic)) {
          out.add(message.getJsonObject("payload"));
        }
      }
    }
    return out;
  }

  void close() {
    answers.shutdownNow();
  }

  private synchronized List<Promise<Void>> takeHeld() {
    List<Promise<Void>> taken = new ArrayList<>(held);
    held.clear();
    return taken;
  }
}
