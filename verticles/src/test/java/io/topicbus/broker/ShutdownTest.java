package io.topicbus.broker;

import io.topicbus.testing.Await;
import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SPEC section 7 shutdown: new requests get 503 while in-flight publishes finish. */
@ExtendWith(VertxExtension.class)
class ShutdownTest {

  @Test
  void inFlightPublishesFinishWhileNewRequestsGet503(Vertx vertx) {
    ExactNumbers.install();
    GatedLogStore store = new GatedLogStore();
    TopicBusConfig config = TopicBusConfig.defaults().with(Brokers.fastConfig());
    String id = Await.result(vertx.deployVerticle(new BrokerVerticle(store),
        new DeploymentOptions().setConfig(config.toJson())));
    store.hold();
    Future<Message<Object>> inFlight = vertx.eventBus().request("topicbus.publish",
        new JsonObject().put("topic", "t").put("payload", "accepted before shutdown"));
    await().atMost(Duration.ofSeconds(5)).until(() -> store.heldCount() == 1);
    Future<Void> undeployed = vertx.undeploy(id);
    await().atMost(Duration.ofSeconds(5)).until(() -> failureCode(vertx, "topicbus.topics", new JsonObject()) == 503);

    Throwable refused = Await.failure(vertx.eventBus().request("topicbus.publish",
        new JsonObject().put("topic", "t").put("payload", "too late")));
    assertThat(((ReplyException) refused).failureCode()).isEqualTo(503);
    assertThat(undeployed.isComplete()).as("shutdown waits for the in-flight publish").isFalse();

    store.release();
    JsonObject reply = (JsonObject) Await.result(inFlight).body();
    assertThat(reply.getLong("offset")).isEqualTo(0);
    Await.result(undeployed);
  }

  private static int failureCode(Vertx vertx, String address, JsonObject body) {
    Future<Message<Object>> reply = vertx.eventBus().request(address, body);
    try {
      Await.result(reply);
      return 200;
    } catch (ReplyException e) {
      return e.failureCode();
    }
  }
}
