package io.topicbus.filter;

import io.topicbus.filter.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits filter text into {@link Token}s, one per call to {@link #next()}, so that problems are
 * reported in text order. Works on code points: every position is a code-point offset.
 *
 * <p>An identifier is one token with no whitespace inside: a root word and its path steps
 * ({@code payload.items[0]['unit price']}). That is how {@code payload.and} stays a path and
 * {@code .5} stays a number. Numbers follow {@code digits[.digits*][exp] | .digits[exp]}; a letter,
 * digit or dot right after one is an error, which refuses suffixes and hex ({@code 10L},
 * {@code 0x1F}).
 */
final class Lexer {

  private static final Map<String, Kind> KEYWORDS =
      Map.ofEntries(
          Map.entry("AND", Kind.AND),
          Map.entry("OR", Kind.OR),
          Map.entry("NOT", Kind.NOT),
          Map.entry("LIKE", Kind.LIKE),
          Map.entry("ESCAPE", Kind.ESCAPE),
          Map.entry("IN", Kind.IN),
          Map.entry("BETWEEN", Kind.BETWEEN),
          Map.entry("IS", Kind.IS),
          Map.entry("NULL", Kind.NULL),
          Map.entry("TRUE", Kind.TRUE),
          Map.entry("FALSE", Kind.FALSE));

  private final int[] text;
  private int next;

  Lexer(String filter) {
    this.text = filter.codePoints().toArray();
  }

  /** The next token; at the end, END (positioned at the text's length) again and again. */
  Token next() {
    while (next < text.length && isWhitespace(text[next])) {
      next++;
    }
    if (next == text.length) {
      return new Token(Kind.END, next, "", null);
    }
    int c = text[next];
    if (isDigit(c) || c == '.' && isDigit(at(next + 1))) {
      return number();
    }
    if (c == '\'') {
      int start = next;
      String value = quoted();
      return new Token(Kind.STRING, start, spelling(start), value);
    }
    if (isNameStart(c)) {
      return word();
    }
    return symbol();
  }

  /**
   * Where the code point at {@code index} of a string literal's value stands in the filter text:
   * past the opening quote, each doubled quote counts two.
   */
  int positionInString(Token literal, int index) {
    int position = literal.position() + 1;
    for (int i = 0; i < index; i++) {
      position += text[position] == '\'' ? 2 : 1;
    }
    return position;
  }

  private Token number() {
    int start = next;
    skipDigits();
    if (at(next) == '.') {
      next++;
      skipDigits();
    }
    if (at(next) == 'e' || at(next) == 'E') {
      next++;
      if (at(next) == '+' || at(next) == '-') {
        next++;
      }
      if (!isDigit(at(next))) {
        throw new FilterException("expected digits in the exponent", next);
      }
      skipDigits();
    }
    if (isNamePart(at(next)) || at(next) == '.') {
      throw new FilterException("unexpected " + describe(text[next]) + " in a number", next);
    }
    String spelling = spelling(start);
    try {
      return new Token(Kind.NUMBER, start, spelling, new BigDecimal(spelling));
    } catch (NumberFormatException exponentBeyondIntRange) {
      throw new FilterException("number out of range", start);
    }
  }

  /** Reads {@code '...'} with {@code ''} for a quote; {@link #next} is at the opening quote. */
  private String quoted() {
    int start = next++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (next == text.length) {
        throw new FilterException("unterminated string", start);
      }
      int c = text[next++];
      if (c == '\'') {
        if (at(next) != '\'') {
          return value.toString();
        }
        next++;
      }
      value.appendCodePoint(c);
    }
  }

  private Token word() {
    int start = next;
    String word = name();
    Kind keyword = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
    if (keyword != null) {
      return new Token(keyword, start, word, null);
    }
    Path.Root root = Path.Root.named(word);
    if (root == null) {
      throw new FilterException("unknown identifier '" + word + "'", start);
    }
    List<Path.Step> steps = new ArrayList<>();
    while (at(next) == '.' || at(next) == '[') {
      if (!root.takesSteps) {
        throw new FilterException("'" + word + "' has no fields", next);
      }
      steps.add(at(next) == '.' ? member() : bracket());
    }
    return new Token(Kind.IDENTIFIER, start, spelling(start), new Path(root, steps));
  }

  /** {@code .name}; any name, keywords included. */
  private Path.Step member() {
    next++;
    if (!isNameStart(at(next))) {
      throw new FilterException("expected a name after '.'", next);
    }
    return Path.Step.member(name());
  }

  /** {@code ['any text']} or {@code [n]}. */
  private Path.Step bracket() {
    next++;
    Path.Step step;
    if (at(next) == '\'') {
      step = Path.Step.member(quoted());
    } else if (isDigit(at(next))) {
      int start = next;
      skipDigits();
      if (text[start] == '0' && next - start > 1) {
        throw new FilterException("array index with a leading zero", start);
      }
      step = Path.Step.index(saturatedInt(start));
    } else {
      throw new FilterException("expected an array index or a quoted name after '['", next);
    }
    if (at(next) != ']') {
      throw new FilterException("expected ']'", next);
    }
    next++;
    return step;
  }

  private int saturatedInt(int start) {
    long value = 0;
    for (int i = start; i < next && value <= Integer.MAX_VALUE; i++) {
      value = value * 10 + (text[i] - '0');
    }
    return (int) Math.min(value, Integer.MAX_VALUE);
  }

  private Token symbol() {
    int start = next;
    int c = text[next++];
    Kind kind =
        switch (c) {
          case '(' -> Kind.LEFT_PAREN;
          case ')' -> Kind.RIGHT_PAREN;
          case ',' -> Kind.COMMA;
          case '+' -> Kind.PLUS;
          case '-' -> Kind.MINUS;
          case '*' -> Kind.STAR;
          case '/' -> Kind.SLASH;
          case '=' -> Kind.EQUAL;
          case '<' -> accept('=') ? Kind.LESS_OR_EQUAL : accept('>') ? Kind.NOT_EQUAL : Kind.LESS;
          case '>' -> accept('=') ? Kind.GREATER_OR_EQUAL : Kind.GREATER;
          case '!' -> accept('=') ? Kind.NOT_EQUAL : null;
          default -> null;
        };
    if (kind == null) {
      throw new FilterException("unexpected character " + describe(c), start);
    }
    return new Token(kind, start, spelling(start), null);
  }

  private String name() {
    int start = next;
    while (isNamePart(at(next))) {
      next++;
    }
    return spelling(start);
  }

  private boolean accept(int c) {
    if (at(next) != c) {
      return false;
    }
    next++;
    return true;
  }

  private void skipDigits() {
    while (isDigit(at(next))) {
      next++;
    }
  }

  /** The code point at {@code index}, or -1 past the end. */
  private int at(int index) {
    return index < text.length ? text[index] : -1;
  }

  private String spelling(int start) {
    return new String(text, start, next - start);
  }

  /** The SPEC's whitespace: space, tab, CR, LF, FF, and nothing else. */
  private static boolean isWhitespace(int c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNameStart(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
  }

  private static boolean isNamePart(int c) {
    return isNameStart(c) || isDigit(c);
  }

  /** A code point as an error message shows it: {@code '#'}, or {@code U+000B} if invisible. */
  private static String describe(int c) {
    int type = Character.getType(c);
    boolean invisible =
        type == Character.CONTROL
            || type == Character.FORMAT
            || type == Character.SURROGATE
            || type == Character.PRIVATE_USE
            || type == Character.UNASSIGNED
            || type == Character.SPACE_SEPARATOR
            || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR;
    return invisible ? String.format("U+%04X", c) : "'" + Character.toString(c) + "'";
  }
}
