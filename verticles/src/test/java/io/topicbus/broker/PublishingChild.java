package io.topicbus.broker;

import io.topicbus.config.TopicBusConfig;
import io.topicbus.json.ExactNumbers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;

/**
 * The process {@link DurabilityTest} kills with SIGKILL: a broker on file storage ({@code fsync:
 * always}) and publishers that never stop, single messages and 10-message batches, printing each
 * acknowledged message as {@code ACK <topic> <offset> <marker>}.
 */
public final class PublishingChild {

  private PublishingChild() {
  }

  public static void main(String[] args) throws Exception {
    ExactNumbers.install();
    Vertx vertx = Vertx.vertx();
    JsonObject config = TopicBusConfig.defaults().with(new JsonObject()
        .put("storage.mode", "file").put("storage.dir", args[0]).put("storage.fsync", "always")
        .put("storage.segmentBytes", 64 * 1024)).toJson();
    vertx.deployVerticle(new BrokerVerticle(), new DeploymentOptions().setConfig(config))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    for (int p = 0; p < 8; p++) {
      publishForever(vertx, p, 0);
    }
    for (int b = 0; b < 4; b++) {
      batchForever(vertx, b, 0);
    }
  }

  private static void publishForever(Vertx vertx, int publisher, int n) {
    String marker = "p" + publisher + "-" + n;
    vertx.eventBus().<JsonObject>request("topicbus.publish", new JsonObject().put("topic", "crash.single")
            .put("payload", new JsonObject().put("marker", marker).put("price", new java.math.BigDecimal("19.99")))
            .put("id", marker))
        .onSuccess(reply -> {
          System.out.println("ACK crash.single " + reply.body().getLong("offset") + " " + marker);
          publishForever(vertx, publisher, n + 1);
        })
        .onFailure(e -> publishForever(vertx, publisher, n + 1));
  }

  private static void batchForever(Vertx vertx, int publisher, int n) {
    JsonArray messages = new JsonArray();
    for (int i = 0; i < 10; i++) {
      messages.add(new JsonObject().put("topic", "crash.batch")
          .put("payload", new JsonObject().put("batch", "b" + publisher + "-" + n).put("i", i)));
    }
    vertx.eventBus().<JsonObject>request("topicbus.publishBatch", new JsonObject().put("messages", messages))
        .onSuccess(reply -> {
          JsonArray results = reply.body().getJsonArray("results");
          for (int i = 0; i < results.size(); i++) {
            System.out.println("ACK crash.batch " + results.getJsonObject(i).getLong("offset") + " b" + publisher + "-" + n);
          }
          batchForever(vertx, publisher, n + 1);
        })
        .onFailure(e -> batchForever(vertx, publisher, n + 1));
  }
}
