package io.topicbus.filter;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The values a filter computes with, and how they compare.
 *
 * <p>A message field becomes one of: a {@link String}, a {@link BigDecimal} (every number, so that
 * numbers compare by value: {@code 1 = 1.0}), a {@link Boolean}, {@link #NOT_COMPARABLE} (a JSON
 * object or array, NaN, infinities, anything else that is present but not a scalar) or
 * {@code null} (NULL: missing or JSON null). Doubles and floats become the decimal of their
 * shortest text ({@code 19.99} is exactly 19.99), not of their binary fraction.
 *
 * <p>A comparison is TRUE or FALSE only between two numbers, two strings or two booleans (and for
 * booleans only {@code =} and {@code <>}); everything else, NULL included, is UNKNOWN.
 */
final class Values {

  /** A present value that compares with nothing, e.g. a JSON object; it is not NULL. */
  static final Object NOT_COMPARABLE =
      new Object() {
        @Override
        public String toString() {
          return "NOT_COMPARABLE";
        }
      };

  private Values() {}

  /** The filter value of a raw message field (see the class comment). */
  static Object of(Object raw) {
    if (raw == null || raw instanceof String || raw instanceof Boolean || raw instanceof BigDecimal) {
      return raw;
    }
    if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
      return BigDecimal.valueOf(((Number) raw).longValue());
    }
    if (raw instanceof Double d) {
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : NOT_COMPARABLE;
    }
    if (raw instanceof Float f) {
      return Float.isFinite(f) ? new BigDecimal(Float.toString(f)) : NOT_COMPARABLE;
    }
    if (raw instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (raw instanceof Number other) {
      return decimalOf(other);
    }
    if (raw instanceof CharSequence text) {
      return text.toString();
    }
    return NOT_COMPARABLE;
  }

  /** Other Number types (AtomicLong, DoubleAdder, ...) are read through their decimal text. */
  private static Object decimalOf(Number number) {
    try {
      return new BigDecimal(number.toString());
    } catch (NumberFormatException notDecimal) {
      return NOT_COMPARABLE;
    }
  }

  /** {@code left relation right} in three-valued logic. */
  static Tri compare(Relation relation, Object left, Object right) {
    if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
      return Tri.of(relation.holds(a.compareTo(b)));
    }
    if (left instanceof String a && right instanceof String b) {
      return Tri.of(relation.holds(compareCodePoints(a, b)));
    }
    if (left instanceof Boolean a && right instanceof Boolean b && !relation.isOrdering()) {
      return Tri.of(relation.holds(a.equals(b) ? 0 : 1)); // for = and <>, any non-zero will do
    }
    return Tri.UNKNOWN;
  }

  /**
   * Orders two strings by Unicode code point. {@link String#compareTo} orders UTF-16 units, which
   * puts U+1F600 (a surrogate pair starting 0xD83D) below U+FFFF; this does not. Allocation-free:
   * only the first differing position is decoded.
   */
  static int compareCodePoints(String a, String b) {
    int shorter = Math.min(a.length(), b.length());
    int i = 0;
    while (i < shorter && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (i == shorter) {
      return Integer.compare(a.length(), b.length());
    }
    if (i > 0 && Character.isHighSurrogate(a.charAt(i - 1))) {
      i--; // the strings differ inside a surrogate pair: decode the whole pair on both sides
    }
    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
  }
}
