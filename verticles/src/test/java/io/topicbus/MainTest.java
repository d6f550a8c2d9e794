package io.topicbus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The fat jar's main as users run it, in a child JVM: config errors, env overrides, SIGTERM (SPEC sections 6, 7). */
class MainTest {

  @TempDir
  Path dir;

  private Process start(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile());
    builder.environment().keySet().removeIf(name -> name.toUpperCase().startsWith("TOPICBUS_"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private String output() throws Exception {
    return Files.readString(dir.resolve("out.txt"));
  }

  @Test
  void aBadValueStopsStartUpWithOneLineNamingTheKey() throws Exception {
    Process main = start(Map.of(), "-Dtopicbus.http.port=eighty", Main.class.getName());
    assertThat(main.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(main.exitValue()).isEqualTo(1);
    assertThat(output().strip()).isEqualTo("config: http.port must be an integer 0..65535 (got \"eighty\")");
  }

  @Test
  void anUnknownEnvKeyStopsStartUpToo() throws Exception {
    Process main = start(Map.of("TOPICBUS_HTTP_PROT", "9090"), Main.class.getName());
    assertThat(main.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(main.exitValue()).isEqualTo(1);
    assertThat(output()).startsWith("config: unknown key TOPICBUS_HTTP_PROT");
  }

  @Test
  void runsWithEnvOverridesAndSigtermExitsZeroKeepingWhatWasStored() throws Exception {
    Map<String, String> env = Map.of("TOPICBUS_HTTP_PORT", "0", "TOPICBUS_HTTP_HOST", "127.0.0.1",
        "TOPICBUS_INVENTORY_INSTANCES", "2");
    Process main = start(env, Main.class.getName());
    int port = awaitPort(main);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/topics/orders.eu.created/messages")).POST(HttpRequest.BodyPublishers.ofString("{\"payload\": 19.99}"))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(201);
    assertThat(output()).contains("inventory ready on inventory.* (2 workers");

    main.destroy(); // SIGTERM
    assertThat(main.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(main.exitValue()).as(output()).isZero();
    assertThat(output()).contains("TopicBus shutting down").contains("TopicBus stopped");

    Process again = start(env, Main.class.getName());
    int port2 = awaitPort(again);
    HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port2
        + "/api/topics/orders.eu.created/messages")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(read.body()).contains("\"payload\":19.99");
    again.destroy();
    assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  private int awaitPort(Process main) {
    Pattern listening = Pattern.compile("TopicBus broker listening on http://127\\.0\\.0\\.1:(\\d+)/");
    int[] port = new int[1];
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      Matcher m = listening.matcher(output());
      if (m.find()) {
        port[0] = Integer.parseInt(m.group(1));
        return true;
      }
      assertThat(main.isAlive()).as("started: %s", output()).isTrue();
      return false;
    });
    return port[0];
  }
}
