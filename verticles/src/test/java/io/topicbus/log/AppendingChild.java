package io.topicbus.log;

import io.topicbus.config.StorageConfig;
import io.topicbus.config.StorageConfig.Compression;
import io.topicbus.config.StorageConfig.Fsync;
import io.vertx.core.Vertx;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link KillNineTest} kills: appends message n at offset n with {@code fsync: always}, 16
 * appends of 1..5 messages in flight, and prints {@code ACK <offset>} for each record once its append has
 * completed, until it is killed. Arguments: storage dir, compression.
 */
public final class AppendingChild {

  static final int IN_FLIGHT = 16;

  private final TopicLog log;
  private final PrintStream out;
  private long next;

  private AppendingChild(TopicLog log, PrintStream out) {
    this.log = log;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    StorageConfig config = Logs.config(Path.of(args[0]), Fsync.ALWAYS, Compression.valueOf(args[1]), 64 * 1024);
    FileLogStore store = new FileLogStore(vertx, config);
    store.open().toCompletionStage().toCompletableFuture().get();
    TopicLog log = store.getOrCreate(Logs.TOPIC);
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
    AppendingChild child = new AppendingChild(log, out);
    vertx.getOrCreateContext().runOnContext(v -> {
      for (int i = 0; i < IN_FLIGHT; i++) {
        child.appendNext();
      }
    });
    new CountDownLatch(1).await();
  }

  /** On the event loop: offsets are assigned in call order, so message n lands at offset n. */
  private void appendNext() {
    int count = 1 + (int) (next % 5);
    long first = next;
    next += count;
    log.append(Logs.messages(Logs.TOPIC, first, count)).onComplete(done -> {
      if (done.failed()) {
        done.cause().printStackTrace();
        return;
      }
      for (Record record : done.result()) {
        out.println("ACK " + record.offset());
      }
      out.flush();
      appendNext();
    });
  }
}
