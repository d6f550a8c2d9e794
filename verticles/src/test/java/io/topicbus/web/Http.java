package io.topicbus.web;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** Test helper: blocking HTTP calls to a {@link WebServer}, for tests that read top to bottom. */
final class Http {

  private final WebClient client;
  private final WebServer server;
  private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();

  Http(Vertx vertx, WebServer server) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port));
    this.server = server;
  }

  /** A header sent with every later request. */
  Http header(String name, String value) {
    headers.set(name, value);
    return this;
  }

  HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null);
  }

  HttpResponse<Buffer> post(String path, JsonObject body) {
    return send(HttpMethod.POST, path, body == null ? null : body.toBuffer());
  }

  HttpResponse<Buffer> post(String path, String body) {
    return send(HttpMethod.POST, path, Buffer.buffer(body));
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, Buffer body) {
    return send(method, path, body, MultiMap.caseInsensitiveMultiMap());
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, Buffer body, MultiMap extra) {
    HttpRequest<Buffer> request = client.request(method, path).putHeaders(headers).putHeaders(extra);
    return WebServer.await(body == null ? request.send() : request.sendBuffer(body));
  }

  /** The error object of an error response, after checking it is JSON with a matching code. */
  static JsonObject error(HttpResponse<Buffer> response) {
    JsonObject json = response.bodyAsJsonObject();
    JsonObject error = json.getJsonObject("error");
    if (error == null || error.getInteger("code") != response.statusCode()) {
      throw new AssertionError("not a matching error body: " + response.statusCode() + " " + json);
    }
    return error;
  }

  WebServer server() {
    return server;
  }
}
