package io.topicbus.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.vertx.core.json.jackson.DatabindCodec;

/**
 * Makes Vert.x's JSON decoding keep decimal numbers exact: a JSON {@code 19.99} becomes
 * {@code BigDecimal("19.99")}, not the nearest double (SPEC section 3: a number keeps its decimal
 * text for filters and readers). Vert.x decodes every JsonObject, event bus and bridge frame
 * through the Jackson mapper of {@link DatabindCodec}, so one feature on it covers every way in.
 * Integers are unchanged (Integer, Long or BigInteger). Applies to the whole JVM: an application
 * embedding TopicBus sees BigDecimal where it saw Double; {@code JsonObject.getDouble} still works.
 */
public final class ExactNumbers {

  private static volatile boolean installed;

  private ExactNumbers() {
  }

  /** Idempotent; call before the first JSON is decoded. */
  public static void install() {
    if (!installed) {
      synchronized (ExactNumbers.class) {
        if (!installed) {
          DatabindCodec.mapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
          installed = true;
        }
      }
    }
  }
}
