package io.topicbus.web;

import io.topicbus.api.Failure;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser pages may call TopicBus ({@code http.allowedOrigins}, SPEC section 5). A page of the
 * same origin (its Origin names the Host it talks to) is always allowed. With the list empty, pages
 * served from {@code localhost}, {@code 127.0.0.1} or {@code [::1]} (any scheme and port) are allowed
 * too; otherwise exactly the listed origins are ({@code "*"} allows any). Requests without an Origin
 * header come from non-browser clients and are never refused here.
 */
final class Origins {

  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
  private static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
  private static final String ALLOWED_HEADERS = "Content-Type, Authorization";
  private static final String PREFLIGHT_MAX_AGE_S = "600";

  private final Set<String> listed;
  private final boolean any;

  Origins(List<String> allowedOrigins) {
    listed = allowedOrigins.stream().map(Origins::normalise).collect(Collectors.toUnmodifiableSet());
    any = listed.contains("*");
  }

  /** Whether a page of {@code origin} may call a server reached as {@code host} (the Host header). */
  boolean allows(String origin, String host) {
    if (origin == null) {
      return true;
    }
    String normalised = normalise(origin);
    String authority = authority(normalised);
    if (authority != null && host != null && authority.equals(host.toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (any || listed.contains(normalised)) {
      return true;
    }
    return listed.isEmpty() && authority != null && LOOPBACK_HOSTS.contains(hostOf(authority));
  }

  /**
   * For the REST routes: answers CORS preflights, adds the CORS headers for allowed origins and
   * refuses other origins with a 403 (so a page from elsewhere gets nothing, not even an opaque result).
   */
  Handler<RoutingContext> cors() {
    return ctx -> {
      HttpServerRequest request = ctx.request();
      String origin = request.getHeader(HttpHeaders.ORIGIN);
      if (origin == null) {
        ctx.next();
        return;
      }
      if (!allows(origin, request.getHeader(HttpHeaders.HOST))) {
        HttpErrors.send(ctx, refusal(origin));
        return;
      }
      HttpServerResponse response = ctx.response();
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin).putHeader(HttpHeaders.VARY, "Origin");
      if (request.method() == HttpMethod.OPTIONS && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
            .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
            .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_S)
            .setStatusCode(204)
            .end();
        return;
      }
      ctx.next();
    };
  }

  /** For the bridge: every SockJS request of a refused origin (info, handshake, transports) is a 403. */
  Handler<RoutingContext> handshake() {
    return ctx -> {
      String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
      if (allows(origin, ctx.request().getHeader(HttpHeaders.HOST))) {
        ctx.next();
      } else {
        HttpErrors.send(ctx, refusal(origin));
      }
    };
  }

  private static Failure refusal(String origin) {
    return Failure.forbidden("origin " + origin + " is not allowed (http.allowedOrigins)");
  }

  /** Lower case, no trailing slash: browsers send {@code scheme://host[:port]}. */
  private static String normalise(String origin) {
    String s = origin.trim().toLowerCase(Locale.ROOT);
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** {@code host[:port]} of a normalised origin, or null when it is not of the form scheme://authority. */
  private static String authority(String origin) {
    int sep = origin.indexOf("://");
    if (sep <= 0 || sep + 3 >= origin.length()) {
      return null;
    }
    String authority = origin.substring(sep + 3);
    return authority.indexOf('/') >= 0 ? null : authority;
  }

  private static String hostOf(String authority) {
    if (authority.startsWith("[")) {
      int end = authority.indexOf(']');
      return end < 0 ? authority : authority.substring(0, end + 1);
    }
    int colon = authority.lastIndexOf(':');
    return colon < 0 ? authority : authority.substring(0, colon);
  }
}
