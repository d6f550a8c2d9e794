package io.topicbus.config;

import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One key of SPEC section 6: its name, its kind and the values it accepts. Converts a raw value
 * (a JSON value from a file, or a string from an env var or a system property) into the typed
 * value, or refuses it with one line that names the key and the accepted values.
 */
final class Setting {

  enum Kind { STRING, INT, LONG, BOOLEAN, CHOICE, LIST }

  final String key;
  private final Kind kind;
  private final long min;
  private final long max;
  private final boolean minusOneAllowed;
  private final List<String> choices;
  private final boolean optional;
  private final Function<String, String> itemProblem;

  private Setting(String key, Kind kind, long min, long max, boolean minusOneAllowed,
                  List<String> choices, boolean optional, Function<String, String> itemProblem) {
    this.key = key;
    this.kind = kind;
    this.min = min;
    this.max = max;
    this.minusOneAllowed = minusOneAllowed;
    this.choices = choices;
    this.optional = optional;
    this.itemProblem = itemProblem;
  }

  static Setting string(String key) {
    return new Setting(key, Kind.STRING, 0, 0, false, List.of(), false, null);
  }

  static Setting optionalString(String key) {
    return new Setting(key, Kind.STRING, 0, 0, false, List.of(), true, null);
  }

  static Setting integer(String key, long min, long max) {
    return new Setting(key, Kind.INT, min, max, false, List.of(), false, null);
  }

  static Setting longValue(String key, long min, long max, boolean minusOneAllowed) {
    return new Setting(key, Kind.LONG, min, max, minusOneAllowed, List.of(), false, null);
  }

  static Setting bool(String key) {
    return new Setting(key, Kind.BOOLEAN, 0, 0, false, List.of(), false, null);
  }

  static Setting choice(String key, String... choices) {
    return new Setting(key, Kind.CHOICE, 0, 0, false, List.of(choices), false, null);
  }

  /** A list of strings; {@code itemProblem} returns null for a good item, else why it is bad. */
  static Setting list(String key, Function<String, String> itemProblem) {
    return new Setting(key, Kind.LIST, 0, 0, false, List.of(), false, itemProblem);
  }

  boolean optional() {
    return optional;
  }

  /** The env var that sets this key: TOPICBUS_ + the key upper-cased, dots as underscores. */
  String envName() {
    return "TOPICBUS_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  String accepted() {
    return switch (kind) {
      case STRING -> optional ? "a string (optional)" : "a non-empty string";
      case INT, LONG -> "an integer " + (minusOneAllowed ? "-1 or " : "") + min + ".." + max;
      case BOOLEAN -> "true or false";
      case CHOICE -> "one of " + String.join(", ", choices);
      case LIST -> "a list of strings (comma-separated in env vars and -D properties)";
    };
  }

  /** A value from a JSON config file: it must already have the right JSON type. */
  Object fromJson(Object raw) {
    if (raw == null) {
      if (optional) {
        return null;
      }
      throw refuse("null");
    }
    return switch (kind) {
      case STRING, CHOICE -> {
        if (!(raw instanceof String s)) {
          throw refuse(raw);
        }
        yield check(s);
      }
      case INT, LONG -> {
        if (!(raw instanceof Number n) || !isIntegral(n)) {
          throw refuse(raw);
        }
        yield check(n.longValue(), raw);
      }
      case BOOLEAN -> {
        if (!(raw instanceof Boolean b)) {
          throw refuse(raw);
        }
        yield b;
      }
      case LIST -> {
        if (!(raw instanceof JsonArray array)) {
          throw refuse(raw);
        }
        List<String> items = new ArrayList<>();
        for (Object item : array) {
          if (!(item instanceof String s)) {
            throw refuse(raw);
          }
          items.add(s);
        }
        yield checkItems(items, raw);
      }
    };
  }

  /** A value from an env var or a -D property: always a string, converted by kind. */
  Object fromText(String text) {
    String value = text.trim();
    return switch (kind) {
      case STRING, CHOICE -> check(value);
      case INT, LONG -> {
        long n;
        try {
          n = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw refuse(text);
        }
        yield check(n, text);
      }
      case BOOLEAN -> {
        if (value.equalsIgnoreCase("true")) {
          yield true;
        }
        if (value.equalsIgnoreCase("false")) {
          yield false;
        }
        throw refuse(text);
      }
      case LIST -> {
        List<String> items = new ArrayList<>();
        if (!value.isEmpty()) {
          for (String item : value.split(",", -1)) {
            items.add(item.trim());
          }
        }
        yield checkItems(items, text);
      }
    };
  }

  private Object check(String s) {
    if (kind == Kind.CHOICE && !choices.contains(s)) {
      throw refuse(s);
    }
    if (kind == Kind.STRING && s.isEmpty() && !optional) {
      throw refuse(s);
    }
    if (kind == Kind.STRING && s.isEmpty()) {
      return null;
    }
    return s;
  }

  private Object check(long n, Object raw) {
    boolean inRange = (n >= min && n <= max) || (minusOneAllowed && n == -1);
    if (!inRange) {
      throw refuse(raw);
    }
    return kind == Kind.INT ? (Object) (int) n : (Object) n;
  }

  private List<String> checkItems(List<String> items, Object raw) {
    if (itemProblem != null) {
      for (String item : items) {
        String problem = itemProblem.apply(item);
        if (problem != null) {
          throw new ConfigException("config: " + key + " has a bad item \"" + item + "\" (" + problem
              + "); expected " + accepted());
        }
      }
    }
    return List.copyOf(items);
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || (n instanceof java.math.BigInteger b && b.bitLength() < 64);
  }

  ConfigException refuse(Object got) {
    String shown = got instanceof String ? "\"" + got + "\"" : String.valueOf(got);
    return new ConfigException("config: " + key + " must be " + accepted() + " (got " + shown + ")");
  }
}
