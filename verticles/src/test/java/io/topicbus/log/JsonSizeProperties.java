package io.topicbus.log;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The size the broker checks against limits.maxMessageBytes is exactly the length of the bytes the file log stores. */
class JsonSizeProperties {

  @Property(tries = 2000)
  void sizeIsTheEncodedLength(@ForAll("values") Object payload, @ForAll("texts") String key,
                              @ForAll("headers") JsonObject headers) {
    String k = key.isEmpty() ? null : key;
    JsonObject h = headers.isEmpty() ? null : headers;
    Draft draft = MessageJson.draft("t.x", k, h, payload, k);
    assertThat(draft.size()).isEqualTo(MessageJson.encode(k, h, payload, k).length() + "t.x".length());
  }

  @Test
  void awkwardStringsAndNumbersAreSizedExactly() {
    Object[] values = {"", "\u0000\u001f\"\\/\b\f\n\r\t", "é€😀", "\ud800 lone", "\udc00", 0, -1, Long.MIN_VALUE,
        Integer.MAX_VALUE, new BigDecimal("19.99"), new BigDecimal("1E+400"), new BigDecimal("-0.000001"),
        new BigInteger("123456789012345678901234567890"), 1.0 / 3, Double.NaN, Double.POSITIVE_INFINITY, 1e300, 0.1f,
        Instant.ofEpochMilli(1_700_000_000_123L), new byte[] {1, 2, 3, 4}, true, false, null,
        new JsonObject().put("é", new JsonArray().add(1).add(new JsonObject())), new JsonArray()};
    for (Object value : values) {
      assertThat(MessageJson.draft("t", null, null, value, null).size())
          .as("size of %s", value).isEqualTo(MessageJson.encode(null, null, value, null).length() + 1);
    }
  }

  @Test
  void aJavaObjectIsNotAJsonValue() {
    assertThatThrownBy(() -> MessageJson.draft("t", null, null, new Object(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON value");
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().all().ofMaxLength(20);
  }

  @Provide
  Arbitrary<JsonObject> headers() {
    Arbitrary<Object> scalar = Arbitraries.oneOf(texts().map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.bigDecimals().ofScale(3).map(d -> (Object) d));
    return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), scalar).ofMaxSize(4)
        .map(map -> new JsonObject(new java.util.LinkedHashMap<>(map)));
  }

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.lazyOf(
        () -> texts().map(s -> (Object) s),
        () -> Arbitraries.longs().map(l -> (Object) l),
        () -> Arbitraries.integers().map(i -> (Object) i),
        () -> Arbitraries.doubles().map(d -> (Object) d),
        () -> Arbitraries.bigDecimals().map(d -> (Object) d),
        () -> Arbitraries.bigIntegers().map(b -> (Object) b),
        () -> Arbitraries.of(true, false).map(b -> (Object) b),
        () -> Arbitraries.just(null),
        () -> values().list().ofMaxSize(4).map(list -> (Object) new JsonArray(new java.util.ArrayList<>(list))),
        () -> Arbitraries.maps(texts(), values()).ofMaxSize(4)
            .map(map -> (Object) new JsonObject(new java.util.LinkedHashMap<>(map))));
  }
}
