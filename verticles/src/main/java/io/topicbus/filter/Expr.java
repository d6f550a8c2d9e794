package io.topicbus.filter;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Set;

/**
 * The expression tree of a compiled filter. The {@link Parser} builds it once, with everything
 * that does not depend on a message already worked out (numbers parsed, LIKE patterns compiled,
 * IN lists sorted and hashed, AND/OR chains and arithmetic chains flattened into arrays); then
 * the nodes evaluate themselves against each message.
 *
 * <p>Two kinds of node: an {@link Operand} yields a value (see {@link Values}: String, BigDecimal,
 * Boolean, NOT_COMPARABLE or null for NULL), a {@link Condition} yields a {@link Tri}. Nodes are
 * immutable, so one tree is evaluated concurrently from any number of threads. Their depth is
 * bounded by the nesting limit, so evaluation recursion is too. {@code position} is where the
 * node starts in the filter text.
 */
sealed interface Expr {

  int position();

  sealed interface Operand extends Expr
      permits Literal, Identifier, Signed, Arithmetic, BooleanValue {
    Object value(Message message);
  }

  sealed interface Condition extends Expr
      permits Comparison, Like, In, Between, IsNull, Not, All, Any, Truth {
    Tri test(Message message);
  }

  /** A string, number or boolean written in the filter. */
  record Literal(Object constant, int position) implements Operand {
    @Override
    public Object value(Message message) {
      return constant;
    }
  }

  /** {@code topic}, {@code key}, {@code headers...}, {@code payload...}. */
  record Identifier(Path path, int position) implements Operand {
    @Override
    public Object value(Message message) {
      return Values.of(path.resolve(message));
    }
  }

  /** A run of unary signs, folded into one: NULL for a non-number. */
  record Signed(boolean negate, Operand operand, int position) implements Operand {
    @Override
    public Object value(Message message) {
      if (!(operand.value(message) instanceof BigDecimal number)) {
        return null;
      }
      return negate ? number.negate() : number;
    }
  }

  /**
   * {@code first op[0] rest[0] op[1] rest[1] ...}, left to right, for operators of one precedence
   * level; a flat array so that long chains need no deep tree. NULL once any operand is not a
   * number or an operation has no result (see {@link Decimal}).
   */
  record Arithmetic(Operand first, Decimal.Operator[] operators, Operand[] rest, int position)
      implements Operand {
    @Override
    public Object value(Message message) {
      if (!(first.value(message) instanceof BigDecimal result)) {
        return null;
      }
      for (int i = 0; i < rest.length && result != null; i++) {
        if (!(rest[i].value(message) instanceof BigDecimal operand)) {
          return null;
        }
        result = operators[i].apply(result, operand);
      }
      return result;
    }
  }

  /** A parenthesised condition used as a value, as in {@code (a = 1) = TRUE}; UNKNOWN is NULL. */
  record BooleanValue(Condition condition, int position) implements Operand {
    @Override
    public Object value(Message message) {
      return switch (condition.test(message)) {
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        case UNKNOWN -> null;
      };
    }
  }

  /** {@code left = right} and the other relations. */
  record Comparison(Relation relation, Operand left, Operand right, int position)
      implements Condition {
    @Override
    public Tri test(Message message) {
      return Values.compare(relation, left.value(message), right.value(message));
    }
  }

  /** {@code subject [NOT] LIKE 'pattern' [ESCAPE 'c']}: UNKNOWN unless the subject is a string. */
  record Like(Operand subject, LikePattern pattern, boolean negated, int position)
      implements Condition {
    @Override
    public Tri test(Message message) {
      if (!(subject.value(message) instanceof String text)) {
        return Tri.UNKNOWN;
      }
      return Tri.of(pattern.matches(text) != negated);
    }
  }

  /**
   * {@code subject [NOT] IN (literals)}, which means {@code subject = a OR subject = b ...}: TRUE
   * on a match; otherwise UNKNOWN if some literal has another type than the subject (that
   * comparison is UNKNOWN), else FALSE. {@code numbers} is sorted, so lookups need no allocation.
   */
  record In(Operand subject, Set<String> strings, BigDecimal[] numbers, boolean negated, int position)
      implements Condition {
    @Override
    public Tri test(Message message) {
      Object value = subject.value(message);
      Tri result;
      if (value instanceof String text) {
        result = strings.contains(text) ? Tri.TRUE : numbers.length > 0 ? Tri.UNKNOWN : Tri.FALSE;
      } else if (value instanceof BigDecimal number) {
        result =
            Arrays.binarySearch(numbers, number) >= 0
                ? Tri.TRUE
                : strings.isEmpty() ? Tri.FALSE : Tri.UNKNOWN;
      } else {
        result = Tri.UNKNOWN; // NULL, or a boolean, object or array, which equals no literal
      }
      return negated ? result.not() : result;
    }
  }

  /** {@code subject [NOT] BETWEEN low AND high}: {@code subject >= low AND subject <= high}. */
  record Between(Operand subject, Operand low, Operand high, boolean negated, int position)
      implements Condition {
    @Override
    public Tri test(Message message) {
      Object value = subject.value(message);
      Tri result =
          Values.compare(Relation.GREATER_OR_EQUAL, value, low.value(message))
              .and(Values.compare(Relation.LESS_OR_EQUAL, value, high.value(message)));
      return negated ? result.not() : result;
    }
  }

  /** {@code identifier IS [NOT] NULL}: never UNKNOWN; objects and arrays are not NULL. */
  record IsNull(Path path, boolean negated, int position) implements Condition {
    @Override
    public Tri test(Message message) {
      return Tri.of((path.resolve(message) == null) != negated);
    }
  }

  record Not(Condition operand, int position) implements Condition {
    @Override
    public Tri test(Message message) {
      return operand.test(message).not();
    }
  }

  /** {@code a AND b AND ...}: stops at the first FALSE. */
  record All(Condition[] operands, int position) implements Condition {
    @Override
    public Tri test(Message message) {
      Tri result = Tri.TRUE;
      for (Condition operand : operands) {
        result = result.and(operand.test(message));
        if (result == Tri.FALSE) {
          return Tri.FALSE;
        }
      }
      return result;
    }
  }

  /** {@code a OR b OR ...}: stops at the first TRUE. */
  record Any(Condition[] operands, int position) implements Condition {
    @Override
    public Tri test(Message message) {
      Tri result = Tri.FALSE;
      for (Condition operand : operands) {
        result = result.or(operand.test(message));
        if (result == Tri.TRUE) {
          return Tri.TRUE;
        }
      }
      return result;
    }
  }

  /** A value used as a condition (an identifier, TRUE, FALSE): UNKNOWN unless it is a boolean. */
  record Truth(Operand operand, int position) implements Condition {
    @Override
    public Tri test(Message message) {
      return operand.value(message) instanceof Boolean b ? Tri.of(b) : Tri.UNKNOWN;
    }
  }
}
