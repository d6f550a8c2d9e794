package io.topicbus.web;

import io.topicbus.api.Failure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes bytes from the network (HTTP bodies, bridge frames) into JSON values, refusing invalid
 * UTF-8 instead of silently turning it into U+FFFD as {@code Buffer.toString()} does. Numbers come
 * out exact (BigDecimal for fractions) once {@link io.topicbus.json.ExactNumbers} is installed.
 */
final class StrictJson {

  private StrictJson() {
  }

  /** The text of {@code bytes}; a 400 naming {@code what} when they are not valid UTF-8. */
  static String utf8(Buffer bytes, String what) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw Failure.badField(what, "invalid UTF-8");
    }
  }

  /** Any JSON value (object, array, string, number, boolean, null); a 400 naming {@code what} when malformed. */
  static Object parse(Buffer bytes, String what) {
    String text = utf8(bytes, what);
    if (text.isBlank()) {
      throw Failure.badField(what, "empty, expected JSON");
    }
    try {
      return Json.decodeValue(text);
    } catch (DecodeException e) {
      throw Failure.badField(what, "malformed JSON (" + firstLine(e.getMessage()) + ")");
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int end = message.indexOf('\n');
    String line = end < 0 ? message : message.substring(0, end);
    return line.length() <= 160 ? line : line.substring(0, 157) + "...";
  }
}
