package io.topicbus.broker;

import io.topicbus.config.StorageConfig;
import io.topicbus.log.FileLogStore;
import io.topicbus.log.LogStore;
import io.topicbus.log.MemoryLogStore;
import io.vertx.core.Vertx;

/** Makes the log store {@code storage.mode} names. */
final class LogStores {

  private LogStores() {
  }

  static LogStore create(Vertx vertx, StorageConfig storage) {
    return switch (storage.mode()) {
      case MEMORY -> new MemoryLogStore(storage.retentionMs(), storage.retentionBytes());
      case FILE -> new FileLogStore(vertx, storage);
    };
  }
}
