package io.topicbus.filter;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * A compiled LIKE pattern: {@code %} matches any run of code points (also none), {@code _}
 * exactly one code point (a surrogate pair is one), both including line breaks; everything else,
 * and every escaped {@code %} or {@code _}, matches itself, case-sensitively.
 *
 * <p>Matching is greedy with a single resume point and no recursion: on a mismatch only the most
 * recent {@code %} is given one more code point, because any earlier {@code %} could only re-match
 * what the later one already covers. That is linear for the usual patterns ({@code 'cust-%'},
 * {@code '%.eu.%'}) and O(subject x pattern) at worst. Immutable; safe to share between threads.
 */
final class LikePattern {

  /** Element for {@code _}. Other elements are UTF-16 units, so never negative. */
  private static final int ANY_ONE = -1;

  /** Element for {@code %}. */
  private static final int ANY_RUN = -2;

  /** Code point of "no ESCAPE clause": no code point is negative. */
  static final int NO_ESCAPE = -1;

  private final int[] elements;

  private LikePattern(int[] elements) {
    this.elements = elements;
  }

  /**
   * Compiles {@code pattern}; with an escape code point, that code point must be followed by
   * {@code %}, {@code _} or itself, which then stands for itself.
   *
   * @param positionInFilter maps a code-point index in the pattern to its position in the filter
   *     text, for the error message
   * @throws FilterException on a misplaced escape character
   */
  static LikePattern compile(String pattern, int escape, IntUnaryOperator positionInFilter) {
    int[] elements = new int[pattern.length()];
    int count = 0;
    int offset = 0;
    for (int index = 0; offset < pattern.length(); index++) {
      int c = pattern.codePointAt(offset);
      offset += Character.charCount(c);
      if (c == escape) {
        if (offset == pattern.length()) {
          throw new FilterException(
              "pattern ends with the escape character", positionInFilter.applyAsInt(index));
        }
        int escaped = pattern.codePointAt(offset);
        if (escaped != '%' && escaped != '_' && escaped != escape) {
          throw new FilterException(
              "escape character must be followed by '%', '_' or itself",
              positionInFilter.applyAsInt(index));
        }
        offset += Character.charCount(escaped);
        index++;
        count = appendLiteral(elements, count, escaped);
      } else if (c == '%') {
        if (count == 0 || elements[count - 1] != ANY_RUN) {
          elements[count++] = ANY_RUN; // "%%" matches exactly what "%" does
        }
      } else if (c == '_') {
        elements[count++] = ANY_ONE;
      } else {
        count = appendLiteral(elements, count, c);
      }
    }
    return new LikePattern(Arrays.copyOf(elements, count));
  }

  /** Literals are kept as UTF-16 units: comparing units compares well-formed code points. */
  private static int appendLiteral(int[] elements, int count, int codePoint) {
    if (Character.isSupplementaryCodePoint(codePoint)) {
      elements[count++] = Character.highSurrogate(codePoint);
      elements[count++] = Character.lowSurrogate(codePoint);
    } else {
      elements[count++] = codePoint;
    }
    return count;
  }

  boolean matches(String subject) {
    int length = subject.length();
    int s = 0; // next unit of the subject
    int p = 0; // next element of the pattern
    int lastRun = -1; // element index of the most recent '%', or -1
    int runEnd = 0; // where the subject part after that '%' currently starts
    while (s < length) {
      if (p < elements.length) {
        int element = elements[p];
        if (element == ANY_RUN) {
          if (p == elements.length - 1) {
            return true; // a trailing '%' takes the rest, whatever it is
          }
          lastRun = p++;
          runEnd = s;
          continue;
        }
        if (element == ANY_ONE) {
          s += codePointLength(subject, s);
          p++;
          continue;
        }
        if (element == subject.charAt(s)) {
          s++;
          p++;
          continue;
        }
      }
      if (lastRun < 0) {
        return false;
      }
      runEnd += codePointLength(subject, runEnd); // the '%' absorbs one more code point
      s = runEnd;
      p = lastRun + 1;
    }
    while (p < elements.length && elements[p] == ANY_RUN) {
      p++;
    }
    return p == elements.length;
  }

  private static int codePointLength(String text, int index) {
    return Character.isHighSurrogate(text.charAt(index))
            && index + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(index + 1))
        ? 2
        : 1;
  }
}
