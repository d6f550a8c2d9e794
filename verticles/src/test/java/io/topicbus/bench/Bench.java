package io.topicbus.bench;

import io.vertx.core.Future;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Shared bits of the benchmark mains: the BENCH line format of SPEC section 8, medians, waiting. */
public final class Bench {

  private Bench() {
  }

  public static void line(String name, double value, String unit) {
    String shown = Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.3f", value);
    System.out.println("BENCH " + name + " " + shown + " " + unit);
  }

  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("benchmark step failed: " + e.getMessage(), e);
    }
  }
}
