package io.topicbus.web;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code conf/alerts.yml} (SPEC section 10): each rule has the shape Prometheus loads (alert, expr,
 * labels.severity, annotations.summary) and every TopicBus metric a rule names is exported by
 * {@code /metrics}, so no alert watches a series that never exists.
 */
class AlertRulesTest {

  private static final Pattern METRIC = Pattern.compile("\\btopicbus_[a-z_]+\\b");

  @Test
  void everyRuleIsWellFormedAndEveryMetricItNamesIsExported() throws IOException {
    List<Map<String, String>> rules = rules(read("conf/alerts.yml"));
    assertThat(rules).extracting(r -> r.get("alert")).containsExactlyInAnyOrder("TopicBusSubscriptionLagGrowing",
        "TopicBusDeadLetters", "TopicBusErrorRate", "TopicBusCircuitOpen", "TopicBusStorageCorrupt",
        "TopicBusStorageNotWritable");
    Set<String> named = new LinkedHashSet<>();
    for (Map<String, String> rule : rules) {
      assertThat(rule.get("alert")).matches("[A-Z][A-Za-z0-9]+");
      String expr = rule.get("expr");
      assertThat(expr).as("expr of %s", rule.get("alert")).isNotBlank();
      assertThat(balanced(expr)).as("parentheses and brackets of %s", rule.get("alert")).isTrue();
      assertThat(rule.get("labels.severity")).isIn("warning", "critical");
      assertThat(rule.get("annotations.summary")).isNotBlank();
      Matcher metrics = METRIC.matcher(expr);
      while (metrics.find()) {
        named.add(metrics.group());
      }
    }
    assertThat(named).hasSizeGreaterThanOrEqualTo(7);

    Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)))).build();
    try {
      WebServer server = WebServer.on(vertx).startAndWait();
      Http http = new Http(vertx, server);
      http.post("/api/topics/orders.a/messages", new JsonObject().put("payload", 1));
      http.post("/api/topics/dlq.x/messages", new JsonObject().put("payload", 1)); // a refusal, so failures are counted
      vertx.eventBus().request("topicbus.publish", new JsonObject().put("topic", "bad topic").put("payload", 1));
      String exported = awaitScrape(http, named);
      for (String metric : named) {
        assertThat(exported).as("/metrics exports %s", metric).containsPattern("(?m)^" + metric + "(\\{| )");
      }
    } finally {
      WebServer.await(vertx.close());
    }
  }

  /** The gauges are sampled once a second, and the failure counter appears with the first failure. */
  private static String awaitScrape(Http http, Set<String> named) {
    long deadline = System.currentTimeMillis() + 10_000;
    String text;
    do {
      text = http.get("/metrics").bodyAsString();
      String scraped = text;
      if (named.stream().allMatch(m -> Pattern.compile("(?m)^" + m + "(\\{| )").matcher(scraped).find())) {
        return text;
      }
    } while (System.currentTimeMillis() < deadline);
    return text;
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = AlertRulesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource + " is in the jar").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The rules of our file, each as flat keys ({@code alert}, {@code expr}, {@code labels.severity}...).
   * Enough YAML for this file's shape: {@code groups: - name: rules: - alert:} with nested maps and
   * folded ({@code >}) scalars; a structure it does not expect fails the test.
   */
  private static List<Map<String, String>> rules(String yaml) {
    List<Map<String, String>> rules = new ArrayList<>();
    Map<String, String> rule = null;
    String section = null;
    String folding = null;
    StringBuilder folded = new StringBuilder();
    assertThat(yaml).contains("groups:").contains("rules:");
    for (String line : yaml.split("\n")) {
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      int indent = line.length() - line.stripLeading().length();
      String text = line.strip();
      if (folding != null) {
        if (indent > 8) {
          folded.append(folded.length() == 0 ? "" : " ").append(text);
          continue;
        }
        rule.put(folding, folded.toString());
        folding = null;
        folded.setLength(0);
      }
      if (text.startsWith("- alert:")) {
        rule = new LinkedHashMap<>();
        rules.add(rule);
        rule.put("alert", text.substring("- alert:".length()).strip());
        section = null;
        continue;
      }
      if (rule == null) {
        assertThat(text).matches("groups:|- name: .+|rules:");
        continue;
      }
      assertThat(text).as("a key: value line").contains(":");
      String key = text.substring(0, text.indexOf(':')).strip();
      String value = text.substring(text.indexOf(':') + 1).strip();
      if (indent == 8) {
        section = value.isEmpty() ? key : null;
        if (value.equals(">")) {
          folding = key;
        } else if (!value.isEmpty()) {
          rule.put(key, unquote(value));
        }
      } else {
        assertThat(section).as("a nested key under labels or annotations: " + text).isNotNull();
        rule.put(section + "." + key, unquote(value));
      }
    }
    if (folding != null) {
      rule.put(folding, folded.toString());
    }
    return rules;
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1)
        : value;
  }

  private static boolean balanced(String expr) {
    int round = 0;
    int square = 0;
    int curly = 0;
    for (char c : expr.toCharArray()) {
      switch (c) {
        case '(' -> round++;
        case ')' -> round--;
        case '[' -> square++;
        case ']' -> square--;
        case '{' -> curly++;
        case '}' -> curly--;
        default -> { }
      }
      if (round < 0 || square < 0 || curly < 0) {
        return false;
      }
    }
    return round == 0 && square == 0 && curly == 0;
  }
}
