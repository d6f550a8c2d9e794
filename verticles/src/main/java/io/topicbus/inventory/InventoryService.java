package io.topicbus.inventory;

import io.topicbus.client.TopicBusClient;
import io.topicbus.config.TopicBusConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;

/**
 * Starts the inventory (SPEC section 4) once the broker is up: rebuilds the {@link Stock} from the
 * journal on TopicBus ({@link StockRecovery}), then deploys the worker pool, {@code
 * inventory.instances} instances of {@link InventoryVerticle} sharing that one stock. The pool is
 * deployed from this verticle, so undeploying this one undeploys the pool first (which lets
 * accepted changes finish). Deploy it only where the broker runs (SPEC section 9): the pool's
 * exactness rests on the stock living in one JVM.
 */
public final class InventoryService extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(InventoryService.class);

  @Override
  public Future<?> start() {
    TopicBusConfig config = TopicBusConfig.from(config());
    TopicBusClient client = TopicBusClient.create(vertx, config.busPrefix);
    Stock stock = new Stock(config.inventory.lowStockThreshold(), TopicBusJournal.forNode(vertx, client));
    Tickets tickets = new Tickets();
    int instances = config.inventory.instances();
    return StockRecovery.rebuild(client, stock)
        .compose(skus -> vertx.deployVerticle(() -> new InventoryVerticle(stock, tickets), new DeploymentOptions()
                .setThreadingModel(ThreadingModel.WORKER)
                .setInstances(instances))
            .onSuccess(id -> log.info("inventory ready on inventory.* (" + instances
                + " workers, " + skus + " skus rebuilt from the journal)")));
  }
}
