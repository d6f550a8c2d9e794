package io.topicbus;

import io.topicbus.config.ConfigException;
import io.topicbus.config.ConfigLoader;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.concurrent.TimeUnit;

/**
 * Start-up of the fat jar: {@code java -jar topicbus-fat.jar [-conf file.json] [-cluster]}. Reads the
 * configuration first (clustering and metrics options depend on it), starts Vert.x, deploys
 * {@link TopicBusVerticle}, and on SIGTERM/Ctrl-C undeploys it (in-flight work finishes, files are
 * flushed) before exiting 0. A bad configuration stops start-up with one line and exit code 1.
 */
public final class Main {

  private static Logger log;
  private static final long SHUTDOWN_TIMEOUT_S = 15;

  private Main() {
  }

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.manager") == null) {
      // Before anything logs: keep the log handlers open through the shutdown hook.
      System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
    }
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      // One line per log record (the JDK default spreads each over two).
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s - %5$s%6$s%n");
    }
    String confFile = null;
    boolean cluster = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-conf", "--conf" -> {
          if (i + 1 >= args.length) {
            fail("-conf needs a file name");
          }
          confFile = args[++i];
        }
        case "-cluster", "--cluster" -> cluster = true;
        case "-h", "-help", "--help" -> {
          System.out.println("usage: java -jar topicbus-fat.jar [-conf config.json] [-cluster]");
          return;
        }
        default -> fail("unknown argument " + args[i] + " (usage: [-conf config.json] [-cluster])");
      }
    }
    log = LoggerFactory.getLogger(Main.class);
    ExactNumbers.install();
    TopicBusConfig config = readConfig(confFile);
    if (cluster) {
      config = config.with(new JsonObject().put("cluster.enabled", true));
    }
    start(config).onComplete(ar -> {
      if (ar.failed()) {
        log.error("TopicBus failed to start: " + ar.cause().getMessage(), ar.cause());
        System.exit(1);
      }
    });
  }

  private static TopicBusConfig readConfig(String confFile) {
    Vertx bootstrap = Vertx.vertx();
    try {
      return ConfigLoader.load(bootstrap, confFile).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof ConfigException bad) {
        fail(bad.getMessage());
      }
      fail("config: " + e.getCause().getMessage());
    } catch (Exception e) {
      fail("config: " + e.getMessage());
    } finally {
      bootstrap.close();
    }
    return null;
  }

  static Future<Vertx> start(TopicBusConfig config) {
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    Future<Vertx> started;
    if (config.cluster.enabled()) {
      options.getEventBusOptions().setHost("127.0.0.1");
      started = Vertx.builder().with(options)
          .withClusterManager(new HazelcastClusterManager(ClusterConfigFile.load(config.cluster.config())))
          .buildClustered();
    } else {
      started = Future.succeededFuture(Vertx.builder().with(options).build());
    }
    return started.compose(vertx -> vertx.deployVerticle(new TopicBusVerticle(),
            new DeploymentOptions().setConfig(config.toJson()))
        .map(id -> {
          Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, id), "topicbus-shutdown"));
          return vertx;
        }));
  }

  /**
   * Undeploys TopicBus first (its parts stop in order, draining), then closes Vert.x (leaving the
   * cluster), each waited for on this hook's own thread. A clean shutdown exits 0 (SPEC section 7),
   * where the JVM would otherwise report 143 for SIGTERM.
   */
  private static void shutdown(Vertx vertx, String deployment) {
    log.info("TopicBus shutting down");
    boolean clean = true;
    try {
      vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(SHUTDOWN_TIMEOUT_S + 30, TimeUnit.SECONDS);
    } catch (Exception e) {
      clean = false;
      log.warn("undeploying did not finish cleanly: " + e.getMessage());
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(SHUTDOWN_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      clean = false;
      log.warn("closing Vert.x did not finish cleanly: " + e.getMessage());
    }
    log.info("TopicBus stopped" + (clean ? "" : " (see the warnings above)"));
    Runtime.getRuntime().halt(clean ? 0 : 1);
  }

  private static void fail(String line) {
    System.err.println(line);
    System.exit(1);
  }
}
