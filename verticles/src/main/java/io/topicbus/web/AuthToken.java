package io.topicbus.web;

import io.topicbus.api.Failure;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The optional shared secret {@code http.authToken} (SPEC section 5): when set, REST calls must carry
 * {@code Authorization: Bearer <token>} and bridge connections {@code ?token=<token>} (browsers cannot
 * set headers on a WebSocket handshake; a Bearer header is accepted there too). Anything else is a
 * 401. CORS preflights pass, since browsers never send credentials on them. Compared in constant
 * time so the token cannot be guessed byte by byte from response times.
 */
final class AuthToken {

  private static final String BEARER = "Bearer ";

  private final byte[] token;

  /** {@code token} null or empty means no token is required. */
  AuthToken(String token) {
    this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  boolean required() {
    return token != null;
  }

  /** For REST routes and {@code /metrics}. */
  Handler<RoutingContext> rest() {
    return ctx -> check(ctx, bearer(ctx));
  }

  /** For the SockJS routes: the {@code token} query parameter, else a Bearer header. */
  Handler<RoutingContext> bridge() {
    return ctx -> {
      String given = ctx.request().getParam("token");
      check(ctx, given != null ? given : bearer(ctx));
    };
  }

  private void check(RoutingContext ctx, String given) {
    if (token == null || ctx.request().method() == HttpMethod.OPTIONS || matches(given)) {
      ctx.next();
    } else {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"topicbus\"");
      HttpErrors.send(ctx, new Failure(Failure.UNAUTHORIZED,
          given == null ? "a token is required (http.authToken)" : "wrong token"));
    }
  }

  private boolean matches(String given) {
    return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
  }

  private static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return header.substring(BEARER.length()).trim();
    }
    return null;
  }
}
