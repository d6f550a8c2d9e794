package io.topicbus.filter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The filter's hot path, {@link Filter#matches}, on a realistic order filter and payload, plus the
 * one-off cost of {@link Filter#compile}. Run from the test classpath:
 *
 * <pre>
 *   mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 *   java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main FilterBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FilterBench {

  static final String ORDER_FILTER =
      "headers.type = 'OrderPlaced' AND payload.total > 100 AND payload.region IN ('eu','us')"
          + " AND key LIKE 'cust-%'";

  private Filter orderFilter;
  private JsonObject headers;
  private JsonObject matchingOrder;
  private JsonObject smallOrder;

  @Setup
  public void setUp() {
    orderFilter = Filter.compile(ORDER_FILTER);
    headers =
        new JsonObject()
            .put("type", "OrderPlaced")
            .put("content-type", "application/json")
            .put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
    matchingOrder =
        new JsonObject()
            .put("orderId", "ord-2026-000123")
            .put("region", "eu")
            .put("currency", "EUR")
            .put("total", 249.5)
            .put(
                "customer",
                new JsonObject().put("id", "cust-42").put("name", "Ada Lovelace").put("tier", "gold"))
            .put(
                "items",
                new JsonArray()
                    .add(new JsonObject().put("sku", "A-1").put("qty", 2).put("price", 99.75))
                    .add(new JsonObject().put("sku", "B-7").put("qty", 1).put("price", 50)));
    smallOrder = matchingOrder.copy().put("total", 42);
  }

  @Benchmark
  public boolean matchesMatchingOrder() {
    return orderFilter.matches("orders.eu.created", "cust-42", headers, matchingOrder);
  }

  @Benchmark
  public boolean matchesOrderRejectedOnTotal() {
    return orderFilter.matches("orders.eu.created", "cust-42", headers, smallOrder);
  }

  @Benchmark
  public Filter compileOrderFilter() {
    return Filter.compile(ORDER_FILTER);
  }
}
