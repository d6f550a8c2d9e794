package io.topicbus.web;

import io.topicbus.api.Failure;
import io.topicbus.config.BridgeConfig;
import io.topicbus.topic.Pattern;
import io.topicbus.topic.TopicName;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What browsers and HTTP clients may publish, subscribe to and read (SPEC section 5): never publish to
 * a system topic ({@code dlq.*}, {@code inventory.*}); publish only to a topic an allowed pattern of
 * {@code bridge.publishAllow} matches; subscribe only with a pattern contained in one of
 * {@code bridge.subscribeAllow}; read where a subscribe would be allowed. Each check answers null
 * when allowed, else the 403 to send. Names that are not valid are not judged here: the broker
 * refuses them with its 400, so there is one validation routine for names.
 */
final class Permissions {

  private final List<Pattern> publishAllow;
  private final List<Pattern> subscribeAllow;

  Permissions(BridgeConfig config) {
    publishAllow = config.publishAllow().stream().map(Pattern::parse).toList();
    subscribeAllow = config.subscribeAllow().stream().map(Pattern::parse).toList();
  }

  /** For a valid topic name. */
  Failure publishRefusal(String topic) {
    if (TopicName.isSystem(topic)) {
      return Failure.forbidden("topic " + topic + " is a system topic: only TopicBus and server-side verticles publish to it");
    }
    for (Pattern allowed : publishAllow) {
      if (allowed.matches(topic)) {
        return null;
      }
    }
    return Failure.forbidden("publishing to " + topic + " is not allowed (bridge.publishAllow)");
  }

  /** For a valid pattern: every topic it can match must be allowed. */
  Failure subscribeRefusal(String pattern) {
    Pattern wanted = Pattern.parse(pattern);
    for (Pattern allowed : subscribeAllow) {
      if (wanted.isContainedIn(allowed)) {
        return null;
      }
    }
    return Failure.forbidden("subscribing to " + pattern + " is not allowed (bridge.subscribeAllow)");
  }

  /** For a valid topic name: a read is allowed where a subscribe to that one topic would be. */
  Failure readRefusal(String topic) {
    for (Pattern allowed : subscribeAllow) {
      if (allowed.matches(topic)) {
        return null;
      }
    }
    return Failure.forbidden("reading " + topic + " is not allowed (bridge.subscribeAllow)");
  }

  /** The publish refusal for a message object of a publish or batch, when its topic is a valid name. */
  Failure publishRefusal(Object message) {
    if (message instanceof JsonObject json && json.getValue("topic") instanceof String topic && TopicName.isValid(topic)) {
      return publishRefusal(topic);
    }
    return null;
  }

  /**
   * A batch split into what may go to the broker and the refusals to put back in place, so that a
   * forbidden message fails on its own like any other bad message of a batch (SPEC section 10).
   */
  Batch split(JsonArray messages) {
    List<Object> allowed = new ArrayList<>();
    Failure[] refused = new Failure[messages.size()];
    for (int i = 0; i < messages.size(); i++) {
      Failure refusal = publishRefusal(messages.getValue(i));
      if (refusal == null) {
        allowed.add(messages.getValue(i));
      } else {
        refused[i] = refusal;
      }
    }
    return new Batch(new JsonArray(allowed), refused);
  }

  /** A batch after {@link #split}: {@code allowed} goes to the broker, {@code refused[i]} is set where message i was refused. */
  record Batch(JsonArray allowed, Failure[] refused) {

    boolean anyRefused() {
      for (Failure f : refused) {
        if (f != null) {
          return true;
        }
      }
      return false;
    }

    /** The broker's results for the allowed messages merged with the refusals, in the original order. */
    JsonObject merge(JsonObject brokerReply) {
      JsonArray stored = brokerReply == null ? new JsonArray() : brokerReply.getJsonArray("results", new JsonArray());
      JsonArray results = new JsonArray();
      int next = 0;
      for (Failure refusal : refused) {
        if (refusal != null) {
          results.add(refusal.toJson());
        } else {
          results.add(next < stored.size() ? stored.getValue(next) : Failure.internal("no result from the broker").toJson());
          next++;
        }
      }
      return new JsonObject().put("results", results);
    }
  }
}
