package io.topicbus.log;

import java.nio.file.Path;

/**
 * The directory of a topic under {@code topics/}: a reversible encoding of the topic name that never
 * contains an upper-case letter, so two topics that differ only in case ({@code Orders}, {@code orders})
 * never share a directory, even on a case-insensitive file system.
 *
 * <p>Encoding: {@code a-z 0-9 - .} stand for themselves, an upper-case letter becomes {@code _} and its
 * lower-case form, and {@code _} becomes {@code __}. So {@code Orders.eu_west} is {@code _orders.eu__west}.
 * An encoded name longer than {@link #MAX_COMPONENT} characters (a 255-char topic can encode to 510) is
 * split into nested directories: every component but the last ends with {@code +}, a character the
 * encoding never produces, so a directory ending in {@code +} is always a continuation, never a topic.
 */
final class TopicDirName {

  /** Leaves room under the usual 255-byte file name limit. */
  static final int MAX_COMPONENT = 200;
  static final char CONTINUED = '+';

  private TopicDirName() {
  }

  /** The directory of {@code topic} relative to {@code topics/}. */
  static Path encode(String topic) {
    if (topic.isEmpty()) {
      throw new IllegalArgumentException("empty topic name");
    }
    StringBuilder encoded = new StringBuilder(topic.length() + 8);
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
        encoded.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        encoded.append('_').append((char) (c - 'A' + 'a'));
      } else if (c == '_') {
        encoded.append("__");
      } else {
        throw new IllegalArgumentException("topic name has a character a topic cannot have: " + topic);
      }
    }
    Path path = null;
    for (int start = 0; start < encoded.length(); start += MAX_COMPONENT) {
      int end = Math.min(encoded.length(), start + MAX_COMPONENT);
      String component = encoded.substring(start, end) + (end < encoded.length() ? String.valueOf(CONTINUED) : "");
      path = path == null ? Path.of(component) : path.resolve(component);
    }
    return path;
  }

  /** The topic whose directory is {@code relative} (as {@link #encode} made it), or null if it is not one. */
  static String decode(Path relative) {
    StringBuilder encoded = new StringBuilder();
    int count = relative.getNameCount();
    for (int i = 0; i < count; i++) {
      String component = relative.getName(i).toString();
      boolean last = i == count - 1;
      boolean continued = component.endsWith(String.valueOf(CONTINUED));
      if (continued == last) {
        return null;
      }
      encoded.append(continued ? component.substring(0, component.length() - 1) : component);
    }
    StringBuilder topic = new StringBuilder(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
        topic.append(c);
      } else if (c == '_' && i + 1 < encoded.length()) {
        char next = encoded.charAt(++i);
        if (next == '_') {
          topic.append('_');
        } else if (next >= 'a' && next <= 'z') {
          topic.append((char) (next - 'a' + 'A'));
        } else {
          return null;
        }
      } else {
        return null;
      }
    }
    return topic.length() == 0 ? null : topic.toString();
  }
}
