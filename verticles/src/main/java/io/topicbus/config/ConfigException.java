package io.topicbus.config;

/** A configuration problem: one line naming the key and the values it accepts; stops start-up. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
