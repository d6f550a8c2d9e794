package io.topicbus;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager for the fat jar. The JDK resets (closes) every log handler in a
 * shutdown hook of its own, racing {@link Main}'s orderly shutdown, so what happens while TopicBus
 * drains (a warning about appends still pending, "stopped") would be lost. This manager ignores
 * that reset; Main's hook ends the process itself once everything is flushed.
 */
public final class ShutdownLogManager extends LogManager {

  @Override
  public void reset() {
    if (!shuttingDown()) {
      super.reset();
    }
  }

  private static boolean shuttingDown() {
    try {
      Thread probe = new Thread(() -> { });
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException alreadyShuttingDown) {
      return true;
    }
  }
}
