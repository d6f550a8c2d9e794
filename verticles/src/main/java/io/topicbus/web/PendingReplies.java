package io.topicbus.web;

import io.vertx.core.eventbus.Message;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The deliveries made to one bridge socket that still wait for the browser's reply, under reply ids
 * minted for that socket alone. A socket can answer only what is in its own table: another socket's
 * pending replies, and the event bus's sequential {@code __vertx.reply.N} addresses, are never
 * reachable from a browser. Entries leave when answered or once older than the reply window (the
 * sender has given up by then); insertion order is age order, so expiry only looks at the head and
 * no timer is set per delivery.
 */
final class PendingReplies {

  private record Pending(Message<Object> message, long since) {
  }

  private final LinkedHashMap<String, Pending> byId = new LinkedHashMap<>();
  private long sequence;

  /** Records {@code message} (which has a reply address) and returns the reply id to give the browser. */
  String add(Message<Object> message, long now) {
    String id = "reply." + (++sequence);
    byId.put(id, new Pending(message, now));
    return id;
  }

  /** The delivery waiting under {@code id}, removed; null when there is none (never was, answered, expired). */
  Message<Object> take(String id) {
    Pending pending = byId.remove(id);
    return pending == null ? null : pending.message;
  }

  /** Drops entries recorded before {@code cutoff}; returns how many. */
  int expire(long cutoff) {
    int dropped = 0;
    for (Iterator<Pending> it = byId.values().iterator(); it.hasNext(); ) {
      if (it.next().since >= cutoff) {
        break;
      }
      it.remove();
      dropped++;
    }
    return dropped;
  }

  int size() {
    return byId.size();
  }

  void clear() {
    byId.clear();
  }
}
