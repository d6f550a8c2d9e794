package io.topicbus.filter;

import io.vertx.core.json.JsonObject;

/**
 * What a filter can see of a message: its topic (never null), key, headers and payload (any Vert.x
 * JSON value, java.util Map/List included, or null). The filter only reads it.
 */
record Message(String topic, String key, JsonObject headers, Object payload) {}
