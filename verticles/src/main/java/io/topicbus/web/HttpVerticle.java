package io.topicbus.web;

import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.function.UnaryOperator;

/**
 * The HTTP server of SPEC section 5 on {@code http.host}/{@code http.port} (port 0 picks a free one,
 * see {@link #actualPort()}): the web console at {@code /}, the REST API under {@code /api}, the
 * SockJS bridge at {@code /eventbus}, {@code /health} and {@code /metrics}. It reaches the broker and
 * the inventory only through their event bus addresses, so it may run on any node of a cluster.
 * Deploy one instance: the bridge's per-socket state lives on its event loop. Responses are
 * gzip-compressed on request, WebSocket messages may use permessage-deflate.
 */
public final class HttpVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(HttpVerticle.class);
  private static final long SHUTDOWN_GRACE_MS = 10_000;
  static final String BRIDGE_PATH = "/eventbus";
  static final String SOCKJS_LIBRARY = "/webjars/sockjs-client/1.6.1/dist/sockjs.min.js";

  private final UnaryOperator<BridgeLimits> tuning;
  private final Shutdown shutdown = new Shutdown(BRIDGE_PATH + "/");
  private HttpServer server;
  private Bridge bridge;
  private WebMetrics metrics;
  private volatile int port = -1;

  public HttpVerticle() {
    this(UnaryOperator.identity());
  }

  /** With adjusted bridge limits (tests that cannot wait for the production timeouts). */
  HttpVerticle(UnaryOperator<BridgeLimits> tuning) {
    this.tuning = tuning;
  }

  @Override
  public Future<?> start() {
    ExactNumbers.install();
    TopicBusConfig config = TopicBusConfig.from(config());
    Services services = new Services(vertx.eventBus(), config.busPrefix);
    Permissions permissions = new Permissions(config.bridge);
    BridgeLimits limits = tuning.apply(BridgeLimits.from(config));
    metrics = new WebMetrics(BackendRegistries.getDefaultNow());
    return Inboxes.create(vertx).compose(inboxes -> {
      bridge = new Bridge(vertx, services, permissions, inboxes, limits, metrics);
      Router router = router(config, services, permissions, limits);
      server = vertx.createHttpServer(serverOptions(config, limits)).requestHandler(router);
      return server.listen();
    }).map(listening -> {
      port = listening.actualPort();
      log.info("TopicBus HTTP on http://" + config.http.host() + ":" + port + "/ (console /, REST /api, bridge "
          + BRIDGE_PATH + ", /health, /metrics)" + (config.http.authToken() != null ? ", token required" : ""));
      return null;
    });
  }

  /** Refuses new requests (503, /health DOWN), lets those in flight finish, then closes the bridge and the server. */
  @Override
  public Future<?> stop() {
    return shutdown.begin(vertx, SHUTDOWN_GRACE_MS).eventually(() -> {
      if (bridge != null) {
        bridge.closeAll();
      }
      if (metrics != null) {
        metrics.close();
      }
      return server == null ? Future.succeededFuture() : server.close();
    });
  }

  /** The port the server listens on (the chosen one when {@code http.port} is 0); -1 before it listens. */
  public int actualPort() {
    return port;
  }

  private Router router(TopicBusConfig config, Services services, Permissions permissions, BridgeLimits limits) {
    Router router = Router.router(vertx);
    Origins origins = new Origins(config.http.allowedOrigins());
    AuthToken token = new AuthToken(config.http.authToken());
    Health health = new Health(vertx, services, shutdown, () -> port > 0);

    router.route().failureHandler(HttpErrors::handleFailure);
    router.get("/health").handler(health.handler());
    router.route().handler(shutdown.gate());
    router.get("/metrics").handler(token.rest()).handler(metrics.scrape());

    // Pre-handlers match every method, so only the real routes decide between 404 and 405.
    router.route("/api/*").handler(origins.cors()).handler(token.rest());
    new RestApi(services, permissions, config.limits.maxMessageBytes()).mount(router);

    router.route(BRIDGE_PATH + "/*").handler(origins.handshake()).handler(token.bridge());
    // xhr_send carries SockJS-escaped frames: the same bound as a WebSocket message.
    router.route(BRIDGE_PATH + "/*").handler(BodyHandler.create(false).setBodyLimit(limits.webSocketMaxBytes()));
    SockJSHandlerOptions sockJs = new SockJSHandlerOptions()
        .setRegisterWriteHandler(false)
        .setInsertJSESSIONID(false)
        .setLibraryURL(SOCKJS_LIBRARY);
    router.route(BRIDGE_PATH + "/*").subRouter(SockJSHandler.create(vertx, sockJs).socketHandler(bridge));

    router.route("/webjars/*").handler(ctx -> readOnly(ctx, StaticHandler.create("META-INF/resources/webjars")));
    StaticHandler console = StaticHandler.create("web").setIndexPage("index.html").setCachingEnabled(false)
        .setDefaultContentEncoding("UTF-8");
    // Not under /api: a wrong method on an API path must stay a 405, which a matching catch-all would reset.
    router.routeWithRegex("^/(?!api(/|$)).*").handler(ctx -> readOnly(ctx, console));
    HttpErrors.install(router);
    return router;
  }

  /** Static files answer GET and HEAD; other methods fall through to the JSON 404, not a 405 for every path. */
  private static void readOnly(io.vertx.ext.web.RoutingContext ctx, StaticHandler files) {
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
      files.handle(ctx);
    } else {
      ctx.next();
    }
  }

  private static HttpServerOptions serverOptions(TopicBusConfig config, BridgeLimits limits) {
    return new HttpServerOptions()
        .setHost(config.http.host())
        .setPort(config.http.port())
        .setCompressionSupported(true)
        .setDecompressionSupported(true)
        .setPerMessageWebSocketCompressionSupported(true)
        .setPerFrameWebSocketCompressionSupported(true)
        .setMaxWebSocketFrameSize(limits.webSocketMaxBytes())
        .setMaxWebSocketMessageSize(limits.webSocketMaxBytes());
  }
}
