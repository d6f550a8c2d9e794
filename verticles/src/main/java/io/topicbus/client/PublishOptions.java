package io.topicbus.client;

import io.vertx.core.json.JsonObject;

/** Optional publish fields: a key (ordering and group affinity), headers, an idempotency id. */
public final class PublishOptions {

  private String key;
  private JsonObject headers;
  private String id;

  public PublishOptions setKey(String key) {
    this.key = key;
    return this;
  }

  public PublishOptions setHeaders(JsonObject headers) {
    this.headers = headers;
    return this;
  }

  public PublishOptions putHeader(String name, Object value) {
    if (headers == null) {
      headers = new JsonObject();
    }
    headers.put(name, value);
    return this;
  }

  public PublishOptions setId(String id) {
    this.id = id;
    return this;
  }

  void writeTo(JsonObject message) {
    if (key != null) {
      message.put("key", key);
    }
    if (headers != null) {
      message.put("headers", headers);
    }
    if (id != null) {
      message.put("id", id);
    }
  }
}
