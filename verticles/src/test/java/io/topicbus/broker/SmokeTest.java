package io.topicbus.broker;

import io.topicbus.client.SubscribeOptions;
import io.topicbus.client.TopicBusClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class SmokeTest {

  @Test
  void publishThenDeliver(Vertx vertx, VertxTestContext ctx) {
    TopicBusClient client = TopicBusClient.create(vertx);
    Brokers.deploy(vertx)
        .compose(id -> client.subscribe("orders.#", new SubscribeOptions(), d -> {
          ctx.verify(() -> {
            assertThat(d.topic()).isEqualTo("orders.eu.created");
            assertThat(d.payloadObject().getValue("total")).hasToString("19.99");
          });
          ctx.completeNow();
        }))
        .compose(s -> client.publish("orders.eu.created", new JsonObject("{\"total\": 19.99}")))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> assertThat(r.offset()).isEqualTo(0))));
  }
}
