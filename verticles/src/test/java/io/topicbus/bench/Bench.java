package io.topicbus.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Shared bits of the benchmark mains: the BENCH line format of SPEC section 8, medians, waiting. */
public final class Bench {

  private Bench() {
  }

  public static void line(String name, double value, String unit) {
    String shown = Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.3f", value);
    System.out.println("BENCH " + name + " " + shown + " " + unit);
  }

  /**
   * The median of per-round ratios {@code ours[i] / baseline[i]}: each pair was measured back to back,
   * so slow drifts of a noisy machine cancel out, which a ratio of two medians would not do.
   */
  public static double pairedRatio(double[] ours, double[] baseline) {
    double[] ratios = new double[ours.length];
    for (int i = 0; i < ours.length; i++) {
      ratios[i] = ours[i] / baseline[i];
    }
    return median(ratios);
  }

  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /**
   * A fresh event-loop context on an event loop none of {@code others} uses (when the pool has one),
   * so a benchmark's sender and receiver run on different threads, as separate verticles would.
   */
  public static ContextInternal eventLoopContext(Vertx vertx, ContextInternal... others) {
    VertxInternal internal = (VertxInternal) vertx;
    ContextInternal candidate = internal.createEventLoopContext();
    for (int tries = 0; tries < 16; tries++) {
      boolean shared = false;
      for (ContextInternal other : others) {
        shared |= other.nettyEventLoop() == candidate.nettyEventLoop();
      }
      if (!shared) {
        return candidate;
      }
      candidate = internal.createEventLoopContext();
    }
    return candidate;
  }

  /** Runs {@code action} on {@code context} and waits for its result (e.g. to register a consumer there). */
  public static <T> T onContext(ContextInternal context, Supplier<T> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> result.complete(action.get()));
    try {
      return result.get(1, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("benchmark setup failed: " + e.getMessage(), e);
    }
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("benchmark step failed: " + e.getMessage(), e);
    }
  }
}
