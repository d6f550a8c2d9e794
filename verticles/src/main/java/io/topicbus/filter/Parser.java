package io.topicbus.filter;

import io.topicbus.filter.Expr.Condition;
import io.topicbus.filter.Expr.Operand;
import io.topicbus.filter.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Recursive-descent parser from filter text to an {@link Expr} tree, one method per precedence
 * level (SPEC 2.1, loosest first):
 *
 * <pre>
 *   filter     = or END                       (must be a condition)
 *   or         = and { OR and }
 *   and        = not { AND not }
 *   not        = NOT not | comparison
 *   comparison = additive [ relation additive | [NOT] LIKE string [ESCAPE string]
 *                         | [NOT] IN '(' literal {',' literal} ')' | [NOT] BETWEEN additive AND additive
 *                         | IS [NOT] NULL ]   (and no second comparison after it)
 *   additive   = multiplicative { (+|-) multiplicative }
 *   multiplicative = unary { (*|/) unary }
 *   unary      = { + | - } primary
 *   primary    = number | string | TRUE | FALSE | identifier | '(' or ')'
 * </pre>
 *
 * <p>Limits come first: the length before any token is read, the nesting depth (each parenthesis
 * and each NOT on the way down counts one; an IN list's parentheses hold only literals and do not
 * count) at the token that goes beyond it. The parser recurses only through parentheses and NOT,
 * both counted, so no input can overflow the stack; chains of AND, OR, arithmetic and signs are
 * loops. Tokens are read on demand, so the first problem from the left is the one reported.
 */
final class Parser {

  static final int MAX_LENGTH = 4096;
  static final int MAX_DEPTH = 64;

  private static final Map<Kind, Decimal.Operator> ADDITIVE =
      Map.of(Kind.PLUS, Decimal.Operator.ADD, Kind.MINUS, Decimal.Operator.SUBTRACT);
  private static final Map<Kind, Decimal.Operator> MULTIPLICATIVE =
      Map.of(Kind.STAR, Decimal.Operator.MULTIPLY, Kind.SLASH, Decimal.Operator.DIVIDE);

  private final Lexer lexer;
  private Token token;
  private Token lookahead;
  private int depth;

  private Parser(Lexer lexer) {
    this.lexer = lexer;
    this.token = lexer.next();
  }

  /** The condition the whole filter text stands for. */
  static Condition parse(String text) {
    int length = text.codePointCount(0, text.length());
    if (length > MAX_LENGTH) {
      throw new FilterException(
          "too long (" + length + " code points, max " + MAX_LENGTH + ")", MAX_LENGTH);
    }
    return new Parser(new Lexer(text)).filter();
  }

  private Condition filter() {
    if (token.is(Kind.END)) {
      throw new FilterException("expected a condition", token.position());
    }
    Condition filter = condition(or());
    if (!token.is(Kind.END)) {
      throw new FilterException("unexpected " + token.describe(), token.position());
    }
    return filter;
  }

  private Expr or() {
    return junction(Kind.OR, this::and, Expr.Any::new);
  }

  private Expr and() {
    return junction(Kind.AND, this::not, Expr.All::new);
  }

  /** {@code operand { connective operand }} as one flat node, or the lone operand as it is. */
  private Expr junction(
      Kind connective,
      Supplier<Expr> operand,
      BiFunction<Condition[], Integer, Condition> node) {
    Expr first = operand.get();
    if (!token.is(connective)) {
      return first;
    }
    List<Condition> operands = new ArrayList<>(List.of(condition(first)));
    while (accept(connective)) {
      operands.add(condition(operand.get()));
    }
    return node.apply(operands.toArray(Condition[]::new), first.position());
  }

  private Expr not() {
    if (!token.is(Kind.NOT)) {
      return comparison();
    }
    Token not = advance();
    enterNesting(not);
    Condition operand = condition(not());
    depth--;
    return new Expr.Not(operand, not.position());
  }

  private Expr comparison() {
    Operand left = additive();
    Condition comparison = comparisonAfter(left);
    if (comparison == null) {
      return left;
    }
    if (startsComparison()) {
      throw new FilterException("comparison cannot be chained", token.position());
    }
    return comparison;
  }

  /** The comparison that {@code left} is the subject of, or null if none follows. */
  private Condition comparisonAfter(Operand left) {
    Relation relation = relation(token.kind());
    if (relation != null) {
      advance();
      return new Expr.Comparison(relation, left, additive(), left.position());
    }
    boolean negated = false;
    if (token.is(Kind.NOT)) {
      if (!notNegatesPredicate()) {
        throw new FilterException("expected LIKE, IN or BETWEEN after NOT", lookahead().position());
      }
      advance();
      negated = true;
    }
    return switch (token.kind()) {
      case LIKE -> like(left, negated);
      case IN -> in(left, negated);
      case BETWEEN -> between(left, negated);
      case IS -> isNull(left);
      default -> null;
    };
  }

  private boolean startsComparison() {
    return switch (token.kind()) {
      case LIKE, IN, BETWEEN, IS -> true;
      case NOT -> notNegatesPredicate();
      default -> relation(token.kind()) != null;
    };
  }

  /** Whether the current NOT is the one of NOT LIKE, NOT IN or NOT BETWEEN. */
  private boolean notNegatesPredicate() {
    Kind next = lookahead().kind();
    return next == Kind.LIKE || next == Kind.IN || next == Kind.BETWEEN;
  }

  private static Relation relation(Kind kind) {
    return switch (kind) {
      case EQUAL -> Relation.EQUAL;
      case NOT_EQUAL -> Relation.NOT_EQUAL;
      case LESS -> Relation.LESS;
      case LESS_OR_EQUAL -> Relation.LESS_OR_EQUAL;
      case GREATER -> Relation.GREATER;
      case GREATER_OR_EQUAL -> Relation.GREATER_OR_EQUAL;
      default -> null;
    };
  }

  private Condition like(Operand subject, boolean negated) {
    advance();
    Token pattern = expectString("expected a string pattern after LIKE");
    int escape = LikePattern.NO_ESCAPE;
    if (accept(Kind.ESCAPE)) {
      Token literal = expectString("expected a string after ESCAPE");
      String text = (String) literal.value();
      if (text.codePointCount(0, text.length()) != 1 || text.equals("%") || text.equals("_")) {
        throw new FilterException(
            "ESCAPE must be one character other than '%' or '_'", literal.position());
      }
      escape = text.codePointAt(0);
    }
    LikePattern compiled =
        LikePattern.compile(
            (String) pattern.value(), escape, index -> lexer.positionInString(pattern, index));
    return new Expr.Like(subject, compiled, negated, subject.position());
  }

  private Condition in(Operand subject, boolean negated) {
    advance();
    expect(Kind.LEFT_PAREN, "expected '(' after IN");
    List<String> strings = new ArrayList<>();
    List<BigDecimal> numbers = new ArrayList<>();
    do {
      if (token.is(Kind.STRING)) {
        strings.add((String) advance().value());
      } else {
        numbers.add(signedNumber());
      }
    } while (accept(Kind.COMMA));
    expect(Kind.RIGHT_PAREN, "expected ')'");
    BigDecimal[] sorted = numbers.stream().sorted().toArray(BigDecimal[]::new);
    return new Expr.In(subject, Set.copyOf(strings), sorted, negated, subject.position());
  }

  /** An IN list number: {@code 1}, {@code -1}, {@code +2}; one sign at most. */
  private BigDecimal signedNumber() {
    boolean negative = token.is(Kind.MINUS);
    boolean signed = negative || token.is(Kind.PLUS);
    if (signed) {
      advance();
    }
    if (!token.is(Kind.NUMBER)) {
      rejectNull();
      throw new FilterException(
          signed ? "expected a number after the sign" : "expected a string or number literal",
          token.position());
    }
    BigDecimal number = (BigDecimal) advance().value();
    return negative ? number.negate() : number;
  }

  private Condition between(Operand subject, boolean negated) {
    advance();
    Operand low = additive();
    expect(Kind.AND, "expected AND");
    Operand high = additive();
    return new Expr.Between(subject, low, high, negated, subject.position());
  }

  private Condition isNull(Operand subject) {
    if (!(subject instanceof Expr.Identifier identifier)) {
      throw new FilterException("IS [NOT] NULL applies to identifiers only", subject.position());
    }
    advance();
    boolean negated = accept(Kind.NOT);
    expect(Kind.NULL, "expected NULL");
    return new Expr.IsNull(identifier.path(), negated, subject.position());
  }

  private Operand additive() {
    return arithmetic(this::multiplicative, ADDITIVE);
  }

  private Operand multiplicative() {
    return arithmetic(this::unary, MULTIPLICATIVE);
  }

  /**
   * {@code operand { operator operand }} for the operators of one precedence level, left to right,
   * as one flat node, or the lone operand as it is.
   */
  private Operand arithmetic(Supplier<Operand> operand, Map<Kind, Decimal.Operator> level) {
    Operand first = operand.get();
    List<Decimal.Operator> operators = new ArrayList<>();
    List<Operand> rest = new ArrayList<>();
    for (Decimal.Operator operator = level.get(token.kind());
        operator != null;
        operator = level.get(token.kind())) {
      advance();
      operators.add(operator);
      rest.add(operand.get());
    }
    if (rest.isEmpty()) {
      return first;
    }
    return new Expr.Arithmetic(
        first,
        operators.toArray(Decimal.Operator[]::new),
        rest.toArray(Operand[]::new),
        first.position());
  }

  private Operand unary() {
    int start = token.position();
    boolean signed = false;
    boolean negate = false;
    while (token.is(Kind.PLUS) || token.is(Kind.MINUS)) {
      signed = true;
      negate ^= advance().is(Kind.MINUS);
    }
    Operand operand = primary();
    if (!signed) {
      return operand;
    }
    if (operand instanceof Expr.Literal literal && literal.constant() instanceof BigDecimal number) {
      return new Expr.Literal(negate ? number.negate() : number, start); // -5 is a constant
    }
    return new Expr.Signed(negate, operand, start);
  }

  private Operand primary() {
    Token primary = token;
    switch (primary.kind()) {
      case NUMBER, STRING -> {
        advance();
        return new Expr.Literal(primary.value(), primary.position());
      }
      case TRUE, FALSE -> {
        advance();
        return new Expr.Literal(primary.is(Kind.TRUE), primary.position());
      }
      case IDENTIFIER -> {
        advance();
        return new Expr.Identifier((Path) primary.value(), primary.position());
      }
      case LEFT_PAREN -> {
        advance();
        enterNesting(primary);
        Expr inner = or();
        expect(Kind.RIGHT_PAREN, "expected ')'");
        depth--;
        return inner instanceof Condition condition
            ? new Expr.BooleanValue(condition, primary.position())
            : (Operand) inner;
      }
      default -> {
        rejectNull();
        throw new FilterException("expected a value", primary.position());
      }
    }
  }

  /**
   * {@code expr} as a condition: conditions themselves, identifiers and TRUE/FALSE (their value
   * decides), parenthesised conditions. Other literals and arithmetic are not conditions.
   */
  private static Condition condition(Expr expr) {
    if (expr instanceof Condition condition) {
      return condition;
    }
    if (expr instanceof Expr.BooleanValue value) {
      return value.condition();
    }
    if (expr instanceof Expr.Identifier
        || expr instanceof Expr.Literal literal && literal.constant() instanceof Boolean) {
      return new Expr.Truth((Operand) expr, expr.position());
    }
    throw new FilterException("expected a condition", expr.position());
  }

  private void enterNesting(Token opening) {
    if (++depth > MAX_DEPTH) {
      throw new FilterException("nested too deeply (max " + MAX_DEPTH + ")", opening.position());
    }
  }

  /** NULL gets its own message wherever a value or literal was expected. */
  private void rejectNull() {
    if (token.is(Kind.NULL)) {
      throw new FilterException("NULL is only allowed in IS [NOT] NULL", token.position());
    }
  }

  private Token expectString(String problem) {
    if (!token.is(Kind.STRING)) {
      rejectNull();
      throw new FilterException(problem, token.position());
    }
    return advance();
  }

  private void expect(Kind kind, String problem) {
    if (!accept(kind)) {
      throw new FilterException(problem, token.position());
    }
  }

  private boolean accept(Kind kind) {
    if (!token.is(kind)) {
      return false;
    }
    advance();
    return true;
  }

  /** Moves to the next token and returns the one it leaves. */
  private Token advance() {
    Token current = token;
    token = lookahead != null ? lookahead : lexer.next();
    lookahead = null;
    return current;
  }

  private Token lookahead() {
    if (lookahead == null) {
      lookahead = lexer.next();
    }
    return lookahead;
  }
}
