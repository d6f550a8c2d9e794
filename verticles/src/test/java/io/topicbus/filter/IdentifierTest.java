package io.topicbus.filter;

import static io.topicbus.filter.Check.eval;
import static io.topicbus.filter.Check.evalMessage;
import static io.topicbus.filter.Check.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Identifiers: the four roots, {@code .name}, {@code ['any text']} and {@code [n]} steps. */
class IdentifierTest {

  private static final JsonObject ORDER =
      json(
          """
          {"total": 249.5, "region": "eu", "flag": true, "nothing": null,
           "items": [{"sku": "A-1", "qty": 2}, {"sku": "B-7", "qty": 3}],
           "customer": {"name": "Ada", "tags": ["vip"]},
           "a b": 1, "it's": 2, "": 3,
           "and": 4, "NULL": 5, "not": {"like": 6}, "$x_1": 7}
          """);

  @Test
  void topicKeyAndHeadersAreRoots() {
    assertThat(eval("topic = 'orders.eu.created'", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("key = 'cust-42'", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("headers.type = 'OrderPlaced'", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("headers.priority = 5", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("headers.urgent", ORDER)).isEqualTo(Tri.TRUE);
  }

  @Test
  void aMessageWithoutKeyHasANullKey() {
    Message keyless = new Message("t", null, null, ORDER);
    assertThat(evalMessage("key IS NULL", keyless)).isEqualTo(Tri.TRUE);
    assertThat(evalMessage("key = 'cust-42'", keyless)).isEqualTo(Tri.UNKNOWN);
  }

  @Test
  void bracketNamesReachMembersThatAreNotNames() {
    assertThat(eval("headers['content-type'] = 'application/json'", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload['a b'] = 1", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload['it''s'] = 2", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload[''] = 3", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload['customer'].name = 'Ada'", ORDER)).isEqualTo(Tri.TRUE);
  }

  @Test
  void pathsStepThroughObjectsAndArrays() {
    assertThat(eval("payload.items[0].sku = 'A-1'", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.items[1].qty = 3", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.customer.tags[0] = 'vip'", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.$x_1 = 7", ORDER)).isEqualTo(Tri.TRUE);
  }

  @Test
  void keywordsAreOrdinaryNamesAfterADot() {
    assertThat(eval("payload.and = 4", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.NULL = 5", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.not.like = 6", ORDER)).isEqualTo(Tri.TRUE);
  }

  @Test
  void identifiersAreCaseSensitive() {
    assertThat(eval("payload.Total IS NULL", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.total = 249.5", ORDER)).isEqualTo(Tri.TRUE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "headers.type.x",
        "headers[0]",
        "payload[0]",
        "payload.items[2]",
        "payload.items.sku",
        "payload.total.x",
        "payload.total[0]",
        "payload.region[0]",
        "payload.items[0]['qty'].x",
        "payload.items[99999999999]",
        "payload.missing",
        "payload.missing.deeper",
        "payload.nothing"
      })
  void aStepThatDoesNotApplyAndAMissingOrJsonNullValueAreNull(String identifier) {
    assertThat(eval(identifier + " IS NULL", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval(identifier + " = 1", ORDER)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval(identifier + " <> 1", ORDER)).isEqualTo(Tri.UNKNOWN);
  }

  @Test
  void aPathEndingOnAnObjectOrArrayIsPresentButComparesWithNothing() {
    assertThat(eval("payload.items IS NOT NULL", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.customer IS NOT NULL", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.items = 1", ORDER)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload.customer = 'Ada'", ORDER)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload.customer <> 'Ada'", ORDER)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload.items = payload.items", ORDER)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload.items", ORDER)).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("headers = headers", ORDER)).isEqualTo(Tri.UNKNOWN);
  }

  @Test
  void barePayloadIsTheWholePayloadWhateverItsType() {
    assertThat(eval("payload = 42", 42)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload > 41.5", 42L)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload = 'hello'", "hello")).isEqualTo(Tri.TRUE);
    assertThat(eval("payload", true)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload", false)).isEqualTo(Tri.FALSE);
    assertThat(eval("payload = TRUE", true)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload IS NULL", null)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload IS NOT NULL", new JsonArray())).isEqualTo(Tri.TRUE);
    assertThat(eval("payload[1] = 'b'", new JsonArray().add("a").add("b"))).isEqualTo(Tri.TRUE);
  }

  @Test
  void bareHeadersIsTheHeadersObjectOrNullWithoutHeaders() {
    assertThat(eval("headers IS NOT NULL", ORDER)).isEqualTo(Tri.TRUE);
    Message headerless = new Message("t", "k", null, ORDER);
    assertThat(evalMessage("headers IS NULL", headerless)).isEqualTo(Tri.TRUE);
    assertThat(evalMessage("headers.type IS NULL", headerless)).isEqualTo(Tri.TRUE);
    assertThat(evalMessage("headers.type = 'OrderPlaced'", headerless)).isEqualTo(Tri.UNKNOWN);
  }

  @Test
  void javaMapsAndListsAreSteppedIntoLikeJsonObjectsAndArrays() {
    Map<String, Object> item = new HashMap<>();
    item.put("sku", "A-1");
    List<Object> items = new ArrayList<>(List.of(item));
    Map<String, Object> payload = new HashMap<>();
    payload.put("items", items);
    payload.put("gone", null);
    assertThat(eval("payload.items[0].sku = 'A-1'", payload)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.items IS NOT NULL", payload)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.gone IS NULL", payload)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload[0].sku = 'A-1'", items)).isEqualTo(Tri.TRUE);
    JsonObject wrapping = new JsonObject().put("order", payload);
    assertThat(eval("payload.order.items[0].sku = 'A-1'", wrapping)).isEqualTo(Tri.TRUE);
  }

  @Test
  void anIdentifierAloneIsTrueOnlyWhenItsValueIsBooleanTrue() {
    assertThat(eval("payload.flag", ORDER)).isEqualTo(Tri.TRUE);
    assertThat(eval("payload.x", json("{\"x\": false}"))).isEqualTo(Tri.FALSE);
    assertThat(eval("payload.x", json("{\"x\": \"true\"}"))).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload.x", json("{\"x\": 1}"))).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("payload.x", json("{}"))).isEqualTo(Tri.UNKNOWN);
    assertThat(eval("topic", ORDER)).isEqualTo(Tri.UNKNOWN);
  }
}
