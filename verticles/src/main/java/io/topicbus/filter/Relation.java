package io.topicbus.filter;

/** The comparison operators {@code = <> < <= > >=} ({@code !=} is spelled {@code <>} here). */
enum Relation {
  EQUAL,
  NOT_EQUAL,
  LESS,
  LESS_OR_EQUAL,
  GREATER,
  GREATER_OR_EQUAL;

  /** Whether the relation holds for an order: {@code order} is negative, zero or positive. */
  boolean holds(int order) {
    return switch (this) {
      case EQUAL -> order == 0;
      case NOT_EQUAL -> order != 0;
      case LESS -> order < 0;
      case LESS_OR_EQUAL -> order <= 0;
      case GREATER -> order > 0;
      case GREATER_OR_EQUAL -> order >= 0;
    };
  }

  /** Ordering relations need an order; booleans have none. */
  boolean isOrdering() {
    return this != EQUAL && this != NOT_EQUAL;
  }
}
