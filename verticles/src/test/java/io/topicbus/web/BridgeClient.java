package io.topicbus.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Test helper: a raw SockJS WebSocket client of {@code /eventbus/websocket} speaking the bridge's JSON
 * frames, with blocking waits (bounded) so bridge tests read as a conversation.
 */
final class BridgeClient implements AutoCloseable {

  static final long WAIT_MS = 5_000;

  /** Held for the socket's lifetime: Vert.x closes a client, and its connections, once it is garbage. */
  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private volatile boolean closed;

  private BridgeClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.binaryMessageHandler(data -> frames.add(new JsonObject(data.toString())));
    socket.closeHandler(v -> closed = true);
  }

  static BridgeClient connect(Vertx vertx, int port) {
    return WebServer.await(connect(vertx, port, "/eventbus/websocket", null));
  }

  static Future<BridgeClient> connect(Vertx vertx, int port, String uri, String origin) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(16 * 1024 * 1024));
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri);
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    return client.connect(options).map(socket -> new BridgeClient(client, socket));
  }

  static String inbox() {
    return "topicbus.client." + UUID.randomUUID();
  }

  void sendRaw(String text) {
    WebServer.await(socket.writeTextMessage(text));
  }

  void send(JsonObject frame) {
    sendRaw(frame.encode());
  }

  /** A send frame with a fresh reply address; returns the reply address. */
  String send(String address, Object body) {
    String replyAddress = UUID.randomUUID().toString();
    send(new JsonObject().put("type", "send").put("address", address).put("body", body).put("replyAddress", replyAddress));
    return replyAddress;
  }

  /** Sends and waits for the frame answering it (a {@code rec} or an {@code err} on the reply address). */
  JsonObject request(String address, Object body) {
    return answerTo(send(address, body));
  }

  JsonObject answerTo(String replyAddress) {
    return next(f -> replyAddress.equals(f.getString("address")));
  }

  /**
   * Waits until the bridge has handled every frame sent so far: it handles a socket's frames in order,
   * so once a later request is answered the earlier frames are done. (Frames of different sockets
   * have no order between them.)
   */
  void sync() {
    request("topicbus.topics", new JsonObject());
  }

  void register(String inbox) {
    send(new JsonObject().put("type", "register").put("address", inbox));
  }

  /** Registers {@code inbox} and subscribes it; returns the subscribe answer frame. */
  JsonObject subscribe(String inbox, JsonObject request) {
    register(inbox);
    return request("topicbus.subscribe", request.copy().put("address", inbox));
  }

  /** The next frame matching {@code which}; frames passed over stay available to later waits. */
  JsonObject next(Predicate<JsonObject> which) {
    for (int i = 0; i < seen.size(); i++) {
      if (which.test(seen.get(i))) {
        return seen.remove(i);
      }
    }
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      JsonObject frame;
      try {
        frame = left <= 0 ? null : frames.poll(left, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
      if (frame == null) {
        throw new AssertionError("no matching frame within " + WAIT_MS + " ms; unmatched: " + seen);
      }
      if (which.test(frame)) {
        return frame;
      }
      seen.add(frame);
    }
  }

  /** Asserts that no frame matching {@code which} arrives within {@code ms}. */
  void expectNone(Predicate<JsonObject> which, long ms) {
    long deadline = System.currentTimeMillis() + ms;
    for (JsonObject f : seen) {
      if (which.test(f)) {
        throw new AssertionError("unexpected frame " + f);
      }
    }
    while (System.currentTimeMillis() < deadline) {
      JsonObject frame;
      try {
        frame = frames.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (frame != null) {
        if (which.test(frame)) {
          throw new AssertionError("unexpected frame " + frame);
        }
        seen.add(frame);
      }
    }
  }

  JsonObject nextOn(String address) {
    return next(f -> address.equals(f.getString("address")));
  }

  WebSocket socket() {
    return socket;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (!closed) {
      socket.close();
    }
    client.close();
  }

  static boolean isFailure(JsonObject frame, int code) {
    return "err".equals(frame.getString("type")) && Integer.valueOf(code).equals(frame.getInteger("failureCode"));
  }
}
