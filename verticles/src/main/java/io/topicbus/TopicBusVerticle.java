package io.topicbus;

import io.topicbus.broker.BrokerVerticle;
import io.topicbus.config.ClusterConfig;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.inventory.InventoryService;
import io.topicbus.json.ExactNumbers;
import io.topicbus.web.HttpVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The main verticle. On the broker node it deploys the broker, then the inventory (which journals
 * to it), then the HTTP server; a cluster node that is not the broker (SPEC section 9) deploys only
 * the HTTP server, which reaches the broker over the clustered event bus. Exactly one broker per
 * cluster: {@code cluster.role: auto} takes the cluster-wide lock {@value #BROKER_LOCK} (Hazelcast
 * releases it when its holder leaves), {@code broker} insists on it, {@code client} never tries.
 *
 * <p>The parts are deployed side by side, not as children, so that undeploying this verticle stops
 * them in reverse order (Vert.x would stop children all at once): HTTP refuses new requests and lets
 * its own finish, then the inventory's accepted stock changes reach the log, then the broker drains
 * its appends and closes the files. Deploy it inside your own Vert.x with a config (nested or flat
 * keys of SPEC section 6 over the jar's defaults):
 * {@code vertx.deployVerticle(new TopicBusVerticle(), new DeploymentOptions().setConfig(json))}.
 */
public final class TopicBusVerticle extends VerticleBase {

  static final String BROKER_LOCK = "topicbus.broker";
  private static final long AUTO_LOCK_WAIT_MS = 2_000;
  private static final long BROKER_LOCK_WAIT_MS = 30_000;
  private static final Logger log = LoggerFactory.getLogger(TopicBusVerticle.class);

  private TopicBusConfig settings;
  /** Deployment ids in start order (added from the outside context's thread, read on stop). */
  private final List<String> deployments = new CopyOnWriteArrayList<>();
  private Lock brokerLock;
  private HttpVerticle http;

  @Override
  public Future<?> start() {
    ExactNumbers.install();
    settings = TopicBusConfig.from(config());
    JsonObject flat = settings.toJson();
    // Deploying from a context that belongs to no deployment makes the parts top-level (see class comment).
    ContextInternal outside = ((VertxInternal) vertx).createEventLoopContext();
    http = new HttpVerticle();
    return brokerRole().compose(broker -> {
      Future<Void> parts = Future.succeededFuture();
      if (broker) {
        parts = parts.compose(v -> deploy(outside, new BrokerVerticle(), flat))
            .compose(v -> deploy(outside, new InventoryService(), flat));
      }
      return parts.compose(v -> deploy(outside, http, flat)).map(v -> {
        log.info("TopicBus " + (broker ? "broker" : "client node") + " listening on http://" + settings.http.host() + ":"
            + http.actualPort() + "/, event bus prefix " + settings.busPrefix + ", storage "
            + (broker ? storageDescription() : "on the broker node") + (vertx.isClustered() ? ", clustered" : ""));
        return null;
      });
    }).recover(e -> stop().transform(undone -> Future.failedFuture(e)));
  }

  /** Stops the parts in reverse order of their start, each after the one before has drained. */
  @Override
  public Future<?> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.eventually(() -> vertx.undeploy(id));
    }
    return chain.eventually(() -> {
      if (brokerLock != null) {
        brokerLock.release();
      }
      return Future.succeededFuture();
    });
  }

  /** The HTTP port (the chosen one when {@code http.port} is 0). */
  public int httpPort() {
    return http == null ? -1 : http.actualPort();
  }

  private Future<Boolean> brokerRole() {
    ClusterConfig.Role role = settings.cluster.role();
    if (!vertx.isClustered()) {
      return Future.succeededFuture(role != ClusterConfig.Role.CLIENT);
    }
    return switch (role) {
      case CLIENT -> Future.succeededFuture(false);
      case BROKER -> vertx.sharedData().getLockWithTimeout(BROKER_LOCK, BROKER_LOCK_WAIT_MS)
          .map(lock -> {
            brokerLock = lock;
            return true;
          })
          .recover(e -> Future.failedFuture("cluster.role is broker but another node is the broker (lock "
              + BROKER_LOCK + " held for " + BROKER_LOCK_WAIT_MS + " ms)"));
      case AUTO -> vertx.sharedData().getLockWithTimeout(BROKER_LOCK, AUTO_LOCK_WAIT_MS)
          .map(lock -> {
            brokerLock = lock;
            return true;
          })
          .otherwise(false);
    };
  }

  private Future<Void> deploy(ContextInternal outside, VerticleBase part, JsonObject config) {
    Promise<String> deployed = Promise.promise();
    outside.runOnContext(v -> vertx.deployVerticle(part, new DeploymentOptions().setConfig(config)).onComplete(deployed));
    return deployed.future().map(id -> {
      deployments.add(id);
      return null;
    });
  }

  private String storageDescription() {
    return switch (settings.storage.mode()) {
      case MEMORY -> "memory";
      case FILE -> "file (" + settings.storage.dir() + ", fsync " + settings.storage.fsync().name().toLowerCase() + ")";
    };
  }
}
