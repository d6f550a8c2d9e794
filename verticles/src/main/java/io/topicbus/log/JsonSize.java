package io.topicbus.log;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The exact length in bytes of a Vert.x JSON value as {@link MessageJson#encode} writes it (Jackson's
 * generator with default features: UTF-8, control characters as 6-byte escapes, each UTF-16
 * surrogate as a {@code \\uXXXX} escape, BigDecimal by {@code toString}), computed by walking the
 * value without writing it. The broker sizes every publish this way, so memory storage never encodes
 * and the file log encodes on its writer thread, not on the broker's event loop. A value that is
 * not JSON (a Java object Vert.x cannot encode) is refused here, before anything is stored.
 */
final class JsonSize {

  private static final int[] ASCII = new int[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII[c] = c < 0x20 ? 6 : 1;
    }
    ASCII['"'] = 2;
    ASCII['\\'] = 2;
    ASCII['\b'] = 2;
    ASCII['\t'] = 2;
    ASCII['\f'] = 2;
    ASCII['\n'] = 2;
    ASCII['\r'] = 2;
  }

  private JsonSize() {
  }

  /** Bytes of {@code value} encoded; IllegalArgumentException when it is not a JSON value. */
  static long of(Object value) {
    if (value == null) {
      return 4;
    }
    if (value instanceof String s) {
      return string(s);
    }
    if (value instanceof JsonObject object) {
      return object(object.getMap());
    }
    if (value instanceof JsonArray array) {
      return array(array.getList());
    }
    if (value instanceof Map<?, ?> map) {
      return object(map);
    }
    if (value instanceof List<?> list) {
      return array(list);
    }
    if (value instanceof Boolean b) {
      return b ? 4 : 5;
    }
    if (value instanceof Number number) {
      return number(number);
    }
    if (value instanceof Instant instant) {
      return DateTimeFormatter.ISO_INSTANT.format(instant).length() + 2L;
    }
    if (value instanceof byte[] bytes) {
      return base64(bytes.length);
    }
    if (value instanceof Buffer buffer) {
      return base64(buffer.length());
    }
    if (value instanceof Enum<?> e) {
      return string(e.name());
    }
    throw new IllegalArgumentException("not a JSON value (" + value.getClass().getName() + ")");
  }

  static long string(String s) {
    long bytes = 2;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += ASCII[c];
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isSurrogate(c)) {
        bytes += 6;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static long object(Map<?, ?> map) {
    long bytes = 2 + Math.max(0, map.size() - 1);
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      bytes += string(String.valueOf(entry.getKey())) + 1 + of(entry.getValue());
    }
    return bytes;
  }

  private static long array(List<?> list) {
    long bytes = 2 + Math.max(0, list.size() - 1);
    for (Object item : list) {
      bytes += of(item);
    }
    return bytes;
  }

  private static long number(Number number) {
    if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
      return digits(number.longValue());
    }
    if (number instanceof BigDecimal || number instanceof BigInteger) {
      return number.toString().length();
    }
    if (number instanceof Float f) {
      return Float.isFinite(f) ? Float.toString(f).length() : Float.toString(f).length() + 2L;
    }
    double d = number.doubleValue();
    return Double.isFinite(d) ? Double.toString(d).length() : Double.toString(d).length() + 2L;
  }

  private static int digits(long n) {
    if (n == Long.MIN_VALUE) {
      return 20;
    }
    int length = n < 0 ? 2 : 1;
    long v = Math.abs(n);
    while (v >= 10) {
      v /= 10;
      length++;
    }
    return length;
  }

  /** Vert.x writes binary as unpadded URL-safe base64 (RFC 7493), in quotes. */
  private static long base64(int n) {
    return (4L * n + 2) / 3 + 2;
  }
}
