package io.topicbus.log;

import io.vertx.core.json.JsonObject;

/**
 * One stored message of a topic. Immutable once stored: nobody mutates {@code headers} or
 * {@code payload} after the append (deliveries copy them on the event bus).
 *
 * @param key       null when the publisher gave none
 * @param headers   null when the publisher gave none
 * @param payload   any JSON value (JsonObject, JsonArray, String, Number, Boolean or null)
 * @param id        the publisher's idempotency id, or null
 * @param size      the encoded size in bytes (see {@link Draft#size()}), what read limits count
 */
public record Record(String topic, long offset, long timestamp, String key, JsonObject headers, Object payload,
                     String id, int size) {
}
