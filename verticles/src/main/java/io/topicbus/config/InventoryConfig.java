package io.topicbus.config;

/** {@code inventory.*}: the size of the worker pool and the low-stock alarm level. */
public record InventoryConfig(int instances, long lowStockThreshold) {
}
