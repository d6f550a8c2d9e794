package io.topicbus.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.topicbus.api.Failure;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /metrics} and the bridge's own meters. The registry is Vert.x's (enabled by
 * {@code io.topicbus.Main} through MicrometerMetricsOptions), so the scrape shows Vert.x's meters,
 * the broker's and these. Labels stay bounded: refusals are labelled by SPEC code only, never by
 * socket, inbox or topic.
 */
final class WebMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger sockets = new AtomicInteger();
  private final Gauge socketsGauge;
  private final Counter deliveries;
  private final Counter congested;
  private final Map<Integer, Counter> refusals = new ConcurrentHashMap<>();

  /** {@code registry} null when metrics are not enabled: the meters then go nowhere and /metrics is a 503. */
  WebMetrics(MeterRegistry registry) {
    this.registry = registry;
    MeterRegistry target = registry != null ? registry : new SimpleMeterRegistry();
    socketsGauge = Gauge.builder("topicbus.bridge.sockets", sockets, AtomicInteger::get).description("open bridge sockets")
        .register(target);
    deliveries = Counter.builder("topicbus.bridge.deliveries").description("messages written to bridge sockets")
        .register(target);
    congested = Counter.builder("topicbus.bridge.congested")
        .description("deliveries refused because the socket's write queue was full").register(target);
    for (int code : new int[] {Failure.BAD_REQUEST, Failure.FORBIDDEN, Failure.TOO_LARGE, Failure.TOO_MANY}) {
      refusals.put(code, refusalCounter(target, code));
    }
  }

  Handler<RoutingContext> scrape() {
    if (registry instanceof PrometheusMeterRegistry prometheus) {
      return PrometheusScrapingHandler.create(prometheus);
    }
    return ctx -> HttpErrors.send(ctx, Failure.unavailable("metrics are not enabled (start with io.topicbus.Main, "
        + "or enable MicrometerMetricsOptions with Prometheus)"));
  }

  /** Unbinds the gauge from this instance, so a later HTTP verticle on the same registry reports its own sockets. */
  void close() {
    if (registry != null) {
      registry.remove(socketsGauge);
    }
  }

  void socketOpened() {
    sockets.incrementAndGet();
  }

  void socketClosed() {
    sockets.decrementAndGet();
  }

  void delivered() {
    deliveries.increment();
  }

  void congested() {
    congested.increment();
  }

  /** A frame the bridge refused itself, by SPEC code (a fixed handful of values). */
  void refused(int code) {
    Counter counter = refusals.get(code);
    if (counter != null) {
      counter.increment();
    }
  }

  private static Counter refusalCounter(MeterRegistry registry, int code) {
    return Counter.builder("topicbus.bridge.refused").description("bridge frames refused by the bridge's rules")
        .tag("code", Integer.toString(code)).register(registry);
  }
}
