package io.topicbus.filter;

/**
 * The three truth values of JMS and SQL selectors. UNKNOWN stands for "cannot be decided" (a NULL,
 * a comparison across types, arithmetic on a non-number); only TRUE delivers a message.
 */
enum Tri {
  TRUE,
  FALSE,
  UNKNOWN;

  static Tri of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** NOT UNKNOWN stays UNKNOWN. */
  Tri not() {
    return switch (this) {
      case TRUE -> FALSE;
      case FALSE -> TRUE;
      case UNKNOWN -> UNKNOWN;
    };
  }

  /** FALSE wins over UNKNOWN: FALSE AND UNKNOWN is FALSE. */
  Tri and(Tri other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
  }

  /** TRUE wins over UNKNOWN: TRUE OR UNKNOWN is TRUE. */
  Tri or(Tri other) {
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
  }
}
