package io.topicbus.filter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The message field an identifier names: a root ({@code topic}, {@code key}, {@code headers},
 * {@code payload}) followed, for headers and payload, by steps into JSON objects ({@code .name},
 * {@code ['any text']}) and arrays ({@code [n]}).
 *
 * <p>Resolving never fails: a missing member, a JSON null and a step that does not apply (a name
 * on a non-object, an index on a non-array or out of range) all give {@code null}. Raw maps and
 * lists are stepped into directly, so resolving allocates nothing. Immutable.
 */
final class Path {

  /** The four roots, spelled exactly as in the filter text. */
  enum Root {
    TOPIC("topic", false),
    KEY("key", false),
    HEADERS("headers", true),
    PAYLOAD("payload", true);

    final String spelling;
    final boolean takesSteps;

    Root(String spelling, boolean takesSteps) {
      this.spelling = spelling;
      this.takesSteps = takesSteps;
    }

    /** The root spelled {@code word} (case-sensitive), or null. */
    static Root named(String word) {
      for (Root root : values()) {
        if (root.spelling.equals(word)) {
          return root;
        }
      }
      return null;
    }
  }

  /** One step: a member name, or (when {@code name} is null) an array index. */
  record Step(String name, int index) {

    static Step member(String name) {
      return new Step(name, -1);
    }

    /** A non-negative index; the lexer clamps larger ones to Integer.MAX_VALUE, which no list reaches. */
    static Step index(int index) {
      return new Step(null, index);
    }

    Object from(Object value) {
      if (name != null) {
        if (value instanceof JsonObject object) {
          return object.getMap().get(name);
        }
        return value instanceof Map<?, ?> map ? map.get(name) : null;
      }
      List<?> list =
          value instanceof JsonArray array
              ? array.getList()
              : value instanceof List<?> plain ? plain : null;
      return list != null && index < list.size() ? list.get(index) : null;
    }
  }

  private final Root root;
  private final Step[] steps;

  Path(Root root, List<Step> steps) {
    this.root = root;
    this.steps = steps.toArray(Step[]::new);
  }

  /** The raw field (a JSON value, not yet {@link Values#of normalised}), or null for NULL. */
  Object resolve(Message message) {
    Object value =
        switch (root) {
          case TOPIC -> message.topic();
          case KEY -> message.key();
          case HEADERS -> message.headers();
          case PAYLOAD -> message.payload();
        };
    for (int i = 0; i < steps.length && value != null; i++) {
      value = steps[i].from(value);
    }
    return value;
  }
}
