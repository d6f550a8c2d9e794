package io.topicbus.broker;

import io.topicbus.api.Failure;
import io.topicbus.api.Fields;
import io.topicbus.log.Draft;
import io.topicbus.log.MessageJson;
import io.topicbus.topic.TopicName;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.function.Predicate;

/** Validates one message to publish (SPEC section 3 publish fields) into a {@link Draft}. */
final class PublishRequest {

  static final int MAX_KEY_OR_ID = 255;
  static final int MAX_HEADERS = 64;
  static final int MAX_HEADER_NAME = 64;

  private PublishRequest() {
  }

  /**
   * @param topic      the topic when it comes from elsewhere (the HTTP path), else null to read
   *                   {@code topic} from the body
   * @param knownTopic names already validated (existing topics), so the hot path skips the check
   */
  static Draft parse(JsonObject body, String topic, int maxMessageBytes, Predicate<String> knownTopic) {
    String name = topic != null ? topic : Fields.requiredString(body, "topic", 1000);
    String problem = knownTopic.test(name) ? null : TopicName.problem(name);
    if (problem != null) {
      throw Failure.badField("topic", problem);
    }
    if (!body.containsKey("payload")) {
      throw Failure.badField("payload", "required (any JSON value, null included)");
    }
    String key = Fields.optionalString(body, "key", MAX_KEY_OR_ID);
    String id = Fields.optionalString(body, "id", MAX_KEY_OR_ID);
    JsonObject headers = headers(Fields.optionalObject(body, "headers"));
    Draft draft;
    try {
      draft = MessageJson.draft(name, key, headers, body.getValue("payload"), id);
    } catch (IllegalArgumentException notJson) {
      throw Failure.badField("payload", notJson.getMessage());
    }
    if (draft.size() > maxMessageBytes) {
      throw Failure.tooLarge("message is " + draft.size() + " bytes encoded, limits.maxMessageBytes is " + maxMessageBytes);
    }
    return draft;
  }

  private static JsonObject headers(JsonObject headers) {
    if (headers == null) {
      return null;
    }
    if (headers.size() > MAX_HEADERS) {
      throw Failure.badField("headers", "too many entries (" + headers.size() + ", max " + MAX_HEADERS + ")");
    }
    for (Map.Entry<String, Object> entry : headers) {
      String name = entry.getKey();
      if (name.length() > MAX_HEADER_NAME || !TopicName.isValidSegment(name)) {
        throw Failure.badField("headers", "name '" + shorten(name) + "' must be 1..64 chars of [A-Za-z0-9_-]");
      }
      Object value = entry.getValue();
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw Failure.badField("headers." + name, "expected a string, number or boolean");
      }
    }
    return headers;
  }

  private static String shorten(String s) {
    return s.length() <= 70 ? s : s.substring(0, 67) + "...";
  }
}
