package io.topicbus.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

/**
 * Properties over random input: compiling never fails but with a positioned FilterException,
 * evaluating never throws, NOT is the three-valued negation, IN and BETWEEN are their expansions,
 * and LIKE agrees with a regular-expression reference.
 */
class FilterPropertiesTest {

  private static final String GRIN = "\uD83D\uDE00";

  private static final List<String> PATHS =
      List.of(
          "payload", "payload.a", "payload.b", "payload.s", "payload.n", "payload.items",
          "payload.items[0]", "payload.items[1].a", "payload['a']", "payload.a.b", "payload.missing",
          "headers", "headers.type", "headers.n", "headers['content-type']", "key", "topic");

  private static final List<String> TOKENS =
      List.of(
          "payload", "payload.a", "payload.items[0]", "headers['content-type']", "headers.type",
          "topic", "key", "headers", "name", "'x'", "''", "'it''s'", "'%'", "'_'", "'!'", "'" + GRIN + "'",
          "1", "1.5", ".5", "1.", "1e3", "017", "1e99999999999", "1e-999999999", "0",
          "(", ")", ",", "+", "-", "*", "/", "=", "<>", "!=", "<", "<=", ">", ">=",
          "AND", "OR", "NOT", "LIKE", "ESCAPE", "IN", "BETWEEN", "IS", "NULL", "TRUE", "FALSE",
          "and", "not", "[", "]", ".", "'", "#", "!", "\t", GRIN, "payload[01]", "payload.", "1e");

  // ---- compiling

  @Property(tries = 3000)
  void randomTextIsCompiledOrRefusedWithAPositionInsideIt(@ForAll("filterishText") String text) {
    assertCompiledOrRefusedWithPosition(text);
  }

  @Property(tries = 3000)
  void tokenSoupsAreCompiledOrRefusedWithAPositionInsideIt(@ForAll("tokenSoups") String text) {
    assertCompiledOrRefusedWithPosition(text);
  }

  private static void assertCompiledOrRefusedWithPosition(String text) {
    try {
      Filter.compile(text);
    } catch (FilterException refused) {
      assertThat(refused.position()).isBetween(0, text.codePointCount(0, text.length()));
      assertThat(refused.getMessage())
          .startsWith("filter: ")
          .endsWith(" at " + refused.position());
    }
  }

  // ---- evaluating

  @Property(tries = 2000)
  void aCompiledFilterNeverThrowsOnAnyJsonMessage(
      @ForAll("conditions") String condition, @ForAll("messages") Message message) {
    Filter filter = Filter.compile(condition);
    assertThatCode(() -> filter.evaluate(message)).doesNotThrowAnyException();
    assertThat(filter.matches(message.topic(), message.key(), message.headers(), message.payload()))
        .isEqualTo(filter.evaluate(message) == Tri.TRUE);
  }

  @Property(tries = 2000)
  void compiledTokenSoupsNeverThrowOnAnyJsonMessage(
      @ForAll("tokenSoups") String text, @ForAll("messages") Message message) {
    Filter filter;
    try {
      filter = Filter.compile(text);
    } catch (FilterException refused) {
      return;
    }
    assertThatCode(() -> filter.evaluate(message)).doesNotThrowAnyException();
  }

  @Property(tries = 2000)
  void notIsTheThreeValuedNegation(
      @ForAll("conditions") String condition, @ForAll("messages") Message message) {
    Filter filter = Filter.compile(condition);
    Filter negation = Filter.compile("NOT (" + condition + ")");
    Tri outcome = filter.evaluate(message);
    Statistics.label("outcome").collect(outcome); // all three outcomes must be well represented
    assertThat(negation.evaluate(message)).isEqualTo(outcome.not());
    assertThat(matches(filter, message) && matches(negation, message)).isFalse();
  }

  @Property(tries = 1000)
  void inIsTheOrOfItsEqualities(
      @ForAll("leafOperands") String subject,
      @ForAll("inItems") List<String> items,
      @ForAll("messages") Message message) {
    String list = String.join(", ", items);
    String equalities =
        items.stream().map(item -> subject + " = " + item).collect(Collectors.joining(" OR "));
    assertThat(eval(subject + " IN (" + list + ")", message)).isEqualTo(eval(equalities, message));
    assertThat(eval(subject + " NOT IN (" + list + ")", message))
        .isEqualTo(eval("NOT (" + equalities + ")", message));
  }

  @Property(tries = 1000)
  void betweenIsTheAndOfTwoComparisons(
      @ForAll("leafOperands") String subject,
      @ForAll("leafOperands") String low,
      @ForAll("leafOperands") String high,
      @ForAll("messages") Message message) {
    assertThat(eval(subject + " BETWEEN " + low + " AND " + high, message))
        .isEqualTo(eval(subject + " >= " + low + " AND " + subject + " <= " + high, message));
    assertThat(eval(subject + " NOT BETWEEN " + low + " AND " + high, message))
        .isEqualTo(eval("NOT (" + subject + " >= " + low + " AND " + subject + " <= " + high + ")", message));
  }

  @Property(tries = 3000)
  void likeAgreesWithARegularExpressionReference(
      @ForAll("likePatterns") String pattern, @ForAll("likeSubjects") String subject) {
    LikePattern like = LikePattern.compile(pattern, '!', index -> index);
    assertThat(like.matches(subject)).isEqualTo(reference(pattern).matcher(subject).matches());
  }

  /** The obvious translation to java.util.regex, which also works on code points. */
  private static Pattern reference(String like) {
    StringBuilder regex = new StringBuilder();
    int[] codePoints = like.codePoints().toArray();
    for (int i = 0; i < codePoints.length; i++) {
      int c = codePoints[i];
      if (c == '!') {
        regex.append(Pattern.quote(Character.toString(codePoints[++i])));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(Character.toString(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static boolean matches(Filter filter, Message m) {
    return filter.matches(m.topic(), m.key(), m.headers(), m.payload());
  }

  private static Tri eval(String filter, Message message) {
    return Filter.compile(filter).evaluate(message);
  }

  // ---- generators: text

  @Provide
  Arbitrary<String> filterishText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("pay load.[]'()=<>!%_,+-*/0123456789eE \t\n").ofMaxLength(40),
        Arbitraries.strings().ofMaxLength(30),
        Arbitraries.strings().withChars("(N)OT ").ofMinLength(60).ofMaxLength(400));
  }

  @Provide
  Arbitrary<String> tokenSoups() {
    return Combinators.combine(
            Arbitraries.of(TOKENS).list().ofMaxSize(25), Arbitraries.of(" ", " ", "", "\n"))
        .as((tokens, separator) -> String.join(separator, tokens));
  }

  // ---- generators: valid filters

  @Provide
  Arbitrary<String> conditions() {
    return condition(3);
  }

  @Provide
  Arbitrary<String> leafOperands() {
    return Arbitraries.oneOf(
        Arbitraries.of(PATHS), numberLiterals(), stringLiterals(), Arbitraries.of("TRUE", "FALSE"));
  }

  @Provide
  Arbitrary<List<String>> inItems() {
    return Arbitraries.oneOf(numberLiterals(), stringLiterals()).list().ofMinSize(1).ofMaxSize(4);
  }

  private Arbitrary<String> condition(int depth) {
    Arbitrary<String> operand = operand(depth);
    Arbitrary<String> comparison =
        Combinators.combine(operand, Arbitraries.of("=", "<>", "!=", "<", "<=", ">", ">="), operand)
            .as((a, op, b) -> a + " " + op + " " + b);
    Arbitrary<String> like =
        Combinators.combine(operand, Arbitraries.of(" LIKE ", " NOT LIKE "), likePatterns())
            .as((a, op, p) -> a + op + "'" + p + "' ESCAPE '!'");
    Arbitrary<String> in =
        Combinators.combine(operand, Arbitraries.of(" IN ", " NOT IN "), inItems())
            .as((a, op, items) -> a + op + "(" + String.join(", ", items) + ")");
    Arbitrary<String> between =
        Combinators.combine(operand, Arbitraries.of(" BETWEEN ", " NOT BETWEEN "), operand, operand)
            .as((a, op, low, high) -> a + op + low + " AND " + high);
    Arbitrary<String> isNull =
        Combinators.combine(Arbitraries.of(PATHS), Arbitraries.of(" IS NULL", " IS NOT NULL"))
            .as((path, op) -> path + op);
    Arbitrary<String> bare = Arbitraries.oneOf(Arbitraries.of(PATHS), Arbitraries.of("TRUE", "FALSE"));
    Arbitrary<String> simple = Arbitraries.oneOf(comparison, like, in, between, isNull, bare);
    if (depth == 0) {
      return simple;
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> condition(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(3, simple),
        Tuple.of(1, Combinators.combine(inner, Arbitraries.of(" AND ", " OR "), inner).as((a, op, b) -> a + op + b)),
        Tuple.of(1, inner.map(c -> "NOT " + c)),
        Tuple.of(1, inner.map(c -> "(" + c + ")")));
  }

  private Arbitrary<String> operand(int depth) {
    Arbitrary<String> leaf = leafOperands();
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> inner = Arbitraries.lazy(() -> operand(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(4, leaf),
        Tuple.of(1, Combinators.combine(inner, Arbitraries.of("+", "-", "*", "/"), inner).as((a, op, b) -> a + " " + op + " " + b)),
        Tuple.of(1, inner.map(a -> "-" + a)),
        Tuple.of(1, Arbitraries.lazy(() -> condition(depth - 1)).map(c -> "(" + c + ")")));
  }

  private static Arbitrary<String> numberLiterals() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-3, 3).map(String::valueOf),
        Arbitraries.of("0.5", "1.0", ".5", "1.", "1e0", "2E-1", "-1.5", "+2", "1e400", "1e-999999999"));
  }

  private static Arbitrary<String> stringLiterals() {
    return Arbitraries.of("'a'", "'b'", "''", "'ab'", "'" + GRIN + "'", "'it''s'", "'1'", "'true'");
  }

  /** Patterns valid with {@code ESCAPE '!'}. */
  @Provide
  Arbitrary<String> likePatterns() {
    return Arbitraries.of("a", "b", "%", "_", "!%", "!_", "!!", GRIN, "\n")
        .list()
        .ofMaxSize(6)
        .map(pieces -> String.join("", pieces));
  }

  @Provide
  Arbitrary<String> likeSubjects() {
    return Arbitraries.of("a", "b", "%", "_", "!", GRIN, "\n")
        .list()
        .ofMaxSize(8)
        .map(pieces -> String.join("", pieces));
  }

  // ---- generators: messages

  @Provide
  Arbitrary<Message> messages() {
    Arbitrary<String> keys = Arbitraries.of("cust-1", "a", "", GRIN).injectNull(0.3);
    Arbitrary<JsonObject> headers =
        Arbitraries.maps(Arbitraries.of("type", "n", "content-type"), scalars())
            .ofMaxSize(3)
            .map(map -> new JsonObject(new HashMap<>(map)))
            .injectNull(0.2);
    Arbitrary<Object> payloads =
        Arbitraries.frequencyOf(Tuple.of(4, object(2)), Tuple.of(1, jsonValue(2)));
    return Combinators.combine(keys, headers, payloads)
        .as((key, h, payload) -> new Message("orders.eu", key, h, payload));
  }

  private Arbitrary<Object> jsonValue(int depth) {
    if (depth == 0) {
      return scalars();
    }
    return Arbitraries.frequencyOf(
        Tuple.of(4, scalars()), Tuple.of(1, object(depth - 1)), Tuple.of(1, array(depth - 1)));
  }

  /** JSON objects, sometimes as plain java.util maps, which filters must read alike. */
  private Arbitrary<Object> object(int depth) {
    return Combinators.combine(
            Arbitraries.maps(Arbitraries.of("a", "b", "s", "n", "items"), jsonValue(depth)).ofMaxSize(5),
            Arbitraries.of(true, false))
        .as((map, plain) -> plain ? new HashMap<>(map) : new JsonObject(new HashMap<>(map)));
  }

  private Arbitrary<Object> array(int depth) {
    return Combinators.combine(jsonValue(depth).list().ofMaxSize(3), Arbitraries.of(true, false))
        .as((list, plain) -> plain ? list : new JsonArray(list));
  }

  private static Arbitrary<Object> scalars() {
    return Arbitraries.<Object>oneOf(
            Arbitraries.of("a", "b", "", "ab", GRIN, "it's", "1", "true"),
            Arbitraries.integers().between(-3, 3),
            Arbitraries.longs(),
            Arbitraries.of(0.5, -1.5, 1.0, 19.99, -0.0, Double.NaN, Double.POSITIVE_INFINITY),
            Arbitraries.of(0.5f, Float.NaN),
            Arbitraries.of(new BigDecimal("1.0"), new BigDecimal("1e400"), BigDecimal.ZERO),
            Arbitraries.of(true, false))
        .injectNull(0.1);
  }
}
