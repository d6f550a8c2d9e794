package io.topicbus.bench;

import io.topicbus.broker.BatchBench;
import io.topicbus.broker.CoreBench;
import io.topicbus.inventory.InventoryBench;
import io.topicbus.log.LogBench;
import io.topicbus.web.BridgeBench;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Every benchmark of SPEC section 8 in one run ({@code mvn -B -Pbench verify}): each area's main
 * prints its {@code BENCH <area>.<name> <value> <unit>} lines, comparisons measured beside their
 * baselines in the same run. A figure missing its target never fails the run.
 */
public final class BenchSuite {

  private BenchSuite() {
  }

  private interface Area {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    System.out.println("TopicBus benchmarks on " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version"));
    List<String> crashed = new ArrayList<>();
    run("core", () -> CoreBench.main(args), crashed);
    run("core batches", () -> BatchBench.main(args), crashed);
    run("filter", BenchSuite::filterEvaluation, crashed);
    run("log", () -> LogBench.main(args), crashed);
    run("inventory", () -> InventoryBench.main(args), crashed);
    run("bridge", () -> BridgeBench.main(args), crashed);
    System.out.printf("benchmarks took %.0f s%n", (System.nanoTime() - start) / 1e9);
    if (!crashed.isEmpty()) {
      // A missed target never fails the run; an area that could not run at all does.
      System.err.println("benchmark areas that crashed: " + crashed);
      System.exit(1);
    }
  }

  /** Runs one area; a crash is reported and the other areas still run. */
  private static void run(String name, Area area, List<String> crashed) {
    try {
      area.run();
    } catch (Exception | Error e) {
      System.err.println("benchmark area " + name + " crashed: " + e);
      e.printStackTrace();
      crashed.add(name);
    }
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
