package io.topicbus.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * How a client's publishes travel, as Kafka producers do it: each goes out at once while fewer than
 * {@code maxInFlight} publish requests are outstanding; beyond that they accumulate and leave as one
 * {@code publishBatch} (up to {@code batchSize}) as soon as a request returns. So an idle client adds
 * no latency and a busy one sends few, full requests. With {@code lingerMs > 0} publishes always wait
 * up to that long for company. Order is kept: a publish never overtakes one made before it, because
 * every send happens under the lock, in the order publishes were made. Thread-safe.
 */
final class PublishPipeline {

  /** Sends one publish ({@code messages.size() == 1}) or a batch; completes each promise with its result. */
  interface Sender {
    Future<Void> send(List<JsonObject> messages, List<Promise<JsonObject>> promises);
  }

  private final Vertx vertx;
  private final int batchSize;
  private final long lingerMs;
  private final int maxInFlight;
  private final Sender sender;

  // Guarded by this.
  private final ArrayDeque<JsonObject> waiting = new ArrayDeque<>();
  private final ArrayDeque<Promise<JsonObject>> waitingPromises = new ArrayDeque<>();
  private int inFlight;
  private boolean lingering;

  PublishPipeline(Vertx vertx, int batchSize, long lingerMs, int maxInFlight, Sender sender) {
    this.vertx = vertx;
    this.batchSize = batchSize;
    this.lingerMs = lingerMs;
    this.maxInFlight = maxInFlight;
    this.sender = sender;
  }

  Future<JsonObject> publish(JsonObject message) {
    Promise<JsonObject> promise = Promise.promise();
    synchronized (this) {
      waiting.addLast(message);
      waitingPromises.addLast(promise);
      if (lingerMs > 0 && waiting.size() < batchSize) {
        if (!lingering) {
          lingering = true;
          vertx.setTimer(lingerMs, t -> lingered());
        }
      } else {
        sendWhileRoom();
      }
    }
    return promise.future();
  }

  /** Sends whatever waits now (tests and shutdown; publishes never need it to make progress). */
  synchronized void flush() {
    while (!waiting.isEmpty()) {
      sendNext();
    }
  }

  private synchronized void lingered() {
    lingering = false;
    sendWhileRoom();
  }

  private synchronized void returned() {
    inFlight--;
    if (!lingering) {
      sendWhileRoom();
    }
  }

  private void sendWhileRoom() {
    while (!waiting.isEmpty() && inFlight < maxInFlight) {
      sendNext();
    }
  }

  private void sendNext() {
    int n = Math.min(batchSize, waiting.size());
    List<JsonObject> messages = new ArrayList<>(n);
    List<Promise<JsonObject>> promises = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      messages.add(waiting.pollFirst());
      promises.add(waitingPromises.pollFirst());
    }
    inFlight++;
    sender.send(messages, promises).onComplete(ar -> returned());
  }
}
