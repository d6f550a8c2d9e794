package io.topicbus.web;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a Node script of {@code verticles/src/test/node} and collects its output. When Node or the
 * npm packages ({@code npm install --prefix verticles/src/test/node}, done by {@code .ci/run}) are
 * missing, the test is skipped with a message saying so, except under CI (env {@code CI} set),
 * where that is a failure.
 */
final class NodeClients {

  static final Path DIR = Path.of("verticles", "src", "test", "node");
  private static final long TIMEOUT_S = 90;

  record Result(int exitCode, String output) {
  }

  private NodeClients() {
  }

  /** Skips (or fails under CI) unless node and the installed packages are there. */
  static String requireNode() {
    String node = findOnPath("node");
    boolean packages = Files.isDirectory(DIR.resolve("node_modules/@vertx/eventbus-bridge-client.js"))
        && Files.isDirectory(DIR.resolve("node_modules/sockjs-client"));
    if (node == null || !packages) {
      String why = node == null ? "node is not on the PATH" : "npm packages missing: run npm install --prefix " + DIR;
      if (System.getenv("CI") != null) {
        throw new AssertionError("Node client test cannot run under CI: " + why);
      }
      Assumptions.abort("Node client test skipped: " + why);
    }
    return node;
  }

  /**
   * Runs {@code node args...}; {@code onLine} sees each output line and may return a line to write to the
   * script's stdin (or null).
   */
  static Result run(List<String> args, Function<String, String> onLine) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(requireNode());
    command.addAll(args);
    Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
           OutputStream stdin = process.getOutputStream()) {
        String line;
        while ((line = lines.readLine()) != null) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          String answer = onLine.apply(line);
          if (answer != null) {
            stdin.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
          }
        }
      } catch (IOException ignored) {
        // The process ended; its exit code tells the rest.
      }
    }, "node-output");
    reader.start();
    if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      reader.join(2_000);
      throw new AssertionError("node " + args + " did not finish in " + TIMEOUT_S + " s; output:\n" + output);
    }
    reader.join(5_000);
    synchronized (output) {
      return new Result(process.exitValue(), output.toString());
    }
  }

  private static String findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
