package io.topicbus.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads typed fields from a request object, refusing bad ones with a 400 that names the field.
 * Nothing is coerced: a number given as a string, a fraction where an integer is expected, or a
 * value of the wrong JSON type is refused.
 */
public final class Fields {

  private Fields() {
  }

  /** The request body as an object; anything else is a 400. */
  public static JsonObject body(Object body) {
    if (body instanceof JsonObject json) {
      return json;
    }
    throw Failure.badField("body", "expected a JSON object");
  }

  public static String requiredString(JsonObject json, String field, int maxLength) {
    String value = optionalString(json, field, maxLength);
    if (value == null) {
      throw Failure.badField(field, "required");
    }
    return value;
  }

  /** Null when absent or JSON null; 1..maxLength chars otherwise. */
  public static String optionalString(JsonObject json, String field, int maxLength) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw Failure.badField(field, "expected a string");
    }
    if (s.isEmpty()) {
      throw Failure.badField(field, "must not be empty");
    }
    if (s.length() > maxLength) {
      throw Failure.badField(field, "too long (" + s.length() + " chars, max " + maxLength + ")");
    }
    return s;
  }

  /** Absent or null gives {@code fallback}; otherwise an integer within [min, max]. */
  public static long optionalLong(JsonObject json, String field, long min, long max, long fallback) {
    Object value = json.getValue(field);
    if (value == null) {
      return fallback;
    }
    return integer(value, field, min, max);
  }

  public static long requiredLong(JsonObject json, String field, long min, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      throw Failure.badField(field, "required");
    }
    return integer(value, field, min, max);
  }

  /** An integral JSON number within [min, max] ({@code 5.0} counts as 5; {@code 5.5} does not). */
  public static long integer(Object value, String field, long min, long max) {
    if (!(value instanceof Number number)) {
      throw Failure.badField(field, "expected an integer " + min + ".." + max);
    }
    BigInteger exact = exactInteger(number);
    if (exact == null) {
      throw Failure.badField(field, "expected an integer " + min + ".." + max);
    }
    if (exact.compareTo(BigInteger.valueOf(min)) < 0 || exact.compareTo(BigInteger.valueOf(max)) > 0) {
      throw Failure.badField(field, "out of range (expected " + min + ".." + max + ")");
    }
    return exact.longValueExact();
  }

  private static BigInteger exactInteger(Number number) {
    if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
      return BigInteger.valueOf(number.longValue());
    }
    if (number instanceof BigInteger big) {
      return big;
    }
    BigDecimal decimal;
    if (number instanceof BigDecimal d) {
      decimal = d;
    } else {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return null;
      }
      decimal = new BigDecimal(Double.toString(d));
    }
    try {
      return decimal.stripTrailingZeros().toBigIntegerExact();
    } catch (ArithmeticException notIntegral) {
      return null;
    }
  }

  public static JsonObject optionalObject(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      throw Failure.badField(field, "expected an object");
    }
    return object;
  }

  public static JsonArray requiredArray(JsonObject json, String field) {
    Object value = json.getValue(field);
    if (value == null) {
      throw Failure.badField(field, "required");
    }
    if (!(value instanceof JsonArray array)) {
      throw Failure.badField(field, "expected an array");
    }
    return array;
  }
}
