package io.topicbus.bench;

import io.topicbus.broker.CoreBench;
import io.topicbus.inventory.InventoryBench;
import io.topicbus.log.LogBench;
import io.topicbus.web.BridgeBench;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;

/**
 * Every benchmark of SPEC section 8 in one run ({@code mvn -B -Pbench verify}): each area's main
 * prints its {@code BENCH <area>.<name> <value> <unit>} lines, comparisons measured beside their
 * baselines in the same run. A figure missing its target never fails the run.
 */
public final class BenchSuite {

  private BenchSuite() {
  }

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    System.out.println("TopicBus benchmarks on " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version"));
    CoreBench.main(args);
    filterEvaluation();
    LogBench.main(args);
    InventoryBench.main(args);
    BridgeBench.main(args);
    System.out.printf("benchmarks took %.0f s%n", (System.nanoTime() - start) / 1e9);
  }

  /** The filter evaluator's cost per message (JMH, one fork). */
  private static void filterEvaluation() throws Exception {
    Options options = new OptionsBuilder()
        .include("io\\.topicbus\\.filter\\.FilterBench\\.(matchesMatchingOrder|compileOrderFilter)")
        .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
        .measurementIterations(3).measurementTime(TimeValue.seconds(1))
        .shouldFailOnError(true).verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      double nanos = result.getPrimaryResult().getScore();
      if (method.endsWith("matchesMatchingOrder")) {
        Bench.line("filter.match_ns", nanos, "ns");
      } else {
        Bench.line("filter.compile_us", nanos / 1000, "us");
      }
    }
  }
}
