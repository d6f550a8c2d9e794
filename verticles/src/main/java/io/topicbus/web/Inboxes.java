package io.topicbus.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

/**
 * Who owns each browser inbox: the first socket that registers it, until that socket closes (SPEC
 * section 5). Held in Vert.x shared data, which is cluster-wide when clustered, so two sockets on
 * different nodes cannot share an inbox either; unclustered it is a local map whose futures are
 * already complete, so a register costs no extra turn of the event loop.
 */
final class Inboxes {

  static final String MAP_NAME = "topicbus.bridge.inboxes";

  private final AsyncMap<String, String> owners;

  private Inboxes(AsyncMap<String, String> owners) {
    this.owners = owners;
  }

  static Future<Inboxes> create(Vertx vertx) {
    return vertx.sharedData().<String, String>getAsyncMap(MAP_NAME).map(Inboxes::new);
  }

  /** True when {@code socketId} owns {@code inbox} now (it was free, or already its own). */
  Future<Boolean> claim(String inbox, String socketId) {
    return owners.putIfAbsent(inbox, socketId).map(previous -> previous == null || previous.equals(socketId));
  }

  void release(String inbox, String socketId) {
    owners.removeIfPresent(inbox, socketId);
  }
}
