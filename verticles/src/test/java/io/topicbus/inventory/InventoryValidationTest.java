package io.topicbus.inventory;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.List;

import static io.topicbus.inventory.Inventories.add;
import static io.topicbus.inventory.Inventories.available;
import static io.topicbus.inventory.Inventories.await;
import static io.topicbus.inventory.Inventories.failure;
import static io.topicbus.inventory.Inventories.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input is a 400 naming the field, for every field and form, and changes nothing. */
@ExtendWith(VertxExtension.class)
class InventoryValidationTest {

  private static final Object ABSENT = new Object();

  private Vertx vertx;

  @BeforeEach
  void deploy(Vertx vertx) {
    this.vertx = vertx;
    await(Inventories.deploy(vertx, 2));
  }

  private static List<Object> badSkus() {
    return java.util.Arrays.asList(ABSENT, null, 42, true, "", "a".repeat(65), "a.b", "a b", "ü", "#", "*",
        new JsonObject(), new JsonArray().add("a"));
  }

  private static List<Object> badQtys() {
    return java.util.Arrays.asList(ABSENT, null, "3", 1.5, new BigDecimal("2.5"), 0, -1, Job.MAX_QTY + 1, true,
        new JsonObject(), new JsonArray().add(1), Long.MAX_VALUE, new java.math.BigInteger("1" + "0".repeat(30)));
  }

  private static JsonObject body(Object sku, Object qty) {
    JsonObject body = new JsonObject();
    if (sku != ABSENT) {
      body.put("sku", sku);
    }
    if (qty != ABSENT) {
      body.put("qty", qty);
    }
    return body;
  }

  private void assertBad(String address, Object body, String field) {
    ReplyException bad = failure(request(vertx, address, body));
    assertThat(bad.failureCode()).as(address + " " + body).isEqualTo(400);
    assertThat(bad.getMessage()).as(address + " " + body).startsWith(field + ": ");
  }

  @Test
  void badSkuQtyOrBodyIsA400NamingTheFieldAndChangesNothing() {
    await(add(vertx, "keep", 5));
    List<String> topicsBefore = Inventories.topicNames(vertx);
    for (String address : List.of("inventory.add", "inventory.remove")) {
      for (Object sku : badSkus()) {
        assertBad(address, body(sku, 1), "sku");
      }
      for (Object qty : badQtys()) {
        assertBad(address, body("keep", qty), "qty");
      }
    }
    for (Object sku : badSkus()) {
      assertBad("inventory.check", body(sku, ABSENT), "sku");
    }
    for (String address : List.of("inventory.add", "inventory.remove", "inventory.check", "inventory.list",
        "inventory.batch")) {
      assertBad(address, "sku=keep", "body");
      assertBad(address, new JsonArray().add("keep"), "body");
    }

    assertThat(available(vertx, "keep")).isEqualTo(5);
    assertThat(Inventories.list(vertx)).containsExactly(new JsonObject().put("sku", "keep").put("available", 5));
    assertThat(Inventories.topicNames(vertx)).isEqualTo(topicsBefore);
    assertThat(Inventories.payloads(vertx, "inventory.keep.changed")).hasSize(1);
  }

  @Test
  void integralNumbersAreQuantitiesWhateverTheirJavaType() {
    assertThat(await(add(vertx, "n", 1)).getLong("available")).isEqualTo(1);
    assertThat(await(request(vertx, "inventory.add", body("n", 2.0))).getLong("available")).isEqualTo(3);
    assertThat(await(request(vertx, "inventory.add", body("n", new BigDecimal("4.00")))).getLong("available")).isEqualTo(7);
    assertThat(await(request(vertx, "inventory.add", body("n", Job.MAX_QTY))).getLong("available"))
        .isEqualTo(7 + Job.MAX_QTY);
  }

  @Test
  void anUnknownSkuHasNoStockAndCannotBeRemovedFrom() {
    assertThat(await(request(vertx, "inventory.check", body("nobody", ABSENT))))
        .isEqualTo(new JsonObject().put("sku", "nobody").put("available", 0));
    ReplyException conflict = failure(Inventories.remove(vertx, "nobody", 1));
    assertThat(conflict.failureCode()).isEqualTo(409);
    assertThat(conflict.getMessage()).startsWith("insufficient stock");
    assertThat(Inventories.list(vertx)).isEmpty();
  }

  @Test
  void listIsSortedBySku() {
    for (String sku : List.of("pear", "Apple", "apple", "0-nut", "_x")) {
      await(add(vertx, sku, 1));
    }
    assertThat(Inventories.list(vertx).stream().map(i -> ((JsonObject) i).getString("sku")).toList())
        .containsExactly("0-nut", "Apple", "_x", "apple", "pear");
  }
}
