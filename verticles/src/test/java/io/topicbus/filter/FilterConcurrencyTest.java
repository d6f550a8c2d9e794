package io.topicbus.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One compiled filter serves many threads at once: it holds no per-evaluation state. */
class FilterConcurrencyTest {

  @Test
  void aCompiledFilterGivesEveryThreadTheSameAnswers() throws Exception {
    Filter filter =
        Filter.compile(
            "headers.type = 'OrderPlaced' AND payload.total / 3 > 33 AND payload.region IN ('eu','us')"
                + " AND key LIKE 'cust-%'");
    JsonObject headers = new JsonObject().put("type", "OrderPlaced");
    JsonObject yes = new JsonObject().put("total", 100.5).put("region", "eu");
    JsonObject no = new JsonObject().put("total", 99).put("region", "eu");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> mismatches = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        mismatches.add(
            pool.submit(
                () -> {
                  int wrong = 0;
                  for (int i = 0; i < 20_000; i++) {
                    boolean even = i % 2 == 0;
                    boolean matched = filter.matches("orders", "cust-" + i, headers, even ? yes : no);
                    if (matched != even) {
                      wrong++;
                    }
                  }
                  return wrong;
                }));
      }
      for (Future<Integer> wrong : mismatches) {
        assertThat(wrong.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
