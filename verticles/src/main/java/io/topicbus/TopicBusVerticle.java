package io.topicbus;

import io.topicbus.broker.BrokerVerticle;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.topicbus.web.HttpVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/**
 * The main verticle: deploys the broker, then the services that use it (the HTTP server). Deploy it inside your own
 * Vert.x with a config (nested or flat keys of SPEC section 6 over the jar's defaults):
 * {@code vertx.deployVerticle(new TopicBusVerticle(), new DeploymentOptions().setConfig(json))}.
 */
public final class TopicBusVerticle extends VerticleBase {

  private TopicBusConfig settings;

  @Override
  public Future<?> start() {
    ExactNumbers.install();
    settings = TopicBusConfig.from(config());
    JsonObject flat = settings.toJson();
    return vertx.deployVerticle(new BrokerVerticle(), new DeploymentOptions().setConfig(flat))
        .compose(broker -> vertx.deployVerticle(new HttpVerticle(), new DeploymentOptions().setConfig(flat)));
  }

  /** The validated configuration this instance runs with. */
  public TopicBusConfig settings() {
    return settings;
  }
}
