package io.topicbus.filter;

/**
 * One lexical unit of a filter. {@code position} is its 0-based code-point offset in the filter
 * text, {@code text} its spelling there (for messages), and {@code value} its meaning for
 * literals and identifiers: a {@link java.math.BigDecimal} for NUMBER, the unquoted
 * {@link String} for STRING, a {@link Path} for IDENTIFIER, otherwise null.
 */
record Token(Kind kind, int position, String text, Object value) {

  enum Kind {
    NUMBER,
    STRING,
    IDENTIFIER,
    // keywords, case-insensitive
    AND,
    OR,
    NOT,
    LIKE,
    ESCAPE,
    IN,
    BETWEEN,
    IS,
    NULL,
    TRUE,
    FALSE,
    // symbols
    LEFT_PAREN,
    RIGHT_PAREN,
    COMMA,
    PLUS,
    MINUS,
    STAR,
    SLASH,
    EQUAL,
    NOT_EQUAL,
    LESS,
    LESS_OR_EQUAL,
    GREATER,
    GREATER_OR_EQUAL,
    END
  }

  boolean is(Kind expected) {
    return kind == expected;
  }

  /** How an error message names this token: {@code 'AND'}, {@code 'payload.x'}, {@code '42'} */
  String describe() {
    return switch (kind) {
      case END -> "end of filter";
      case STRING -> "string literal";
      default -> "'" + text + "'";
    };
  }
}
