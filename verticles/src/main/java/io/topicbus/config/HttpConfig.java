package io.topicbus.config;

import java.util.List;

/** {@code http.*}: where the HTTP server listens and who may call it. {@code authToken} is null when unset. */
public record HttpConfig(String host, int port, List<String> allowedOrigins, String authToken) {
}
