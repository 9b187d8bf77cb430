package io.canarymesh.samples.microapi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as its own process, the way the pod runtime starts a replica. */
class MicroApiProcessIT {

  private static final Pattern LISTENING =
      Pattern.compile("micro-api 1\\.3-SNAPSHOT listening on 127\\.0\\.0\\.1:(\\d+)");

  // A file, not a pipe: Process.destroy() closes the pipes, and the last lines come after it.
  @TempDir Path dir;
  private Process process;

  @AfterEach
  void killLeftover() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Test
  void servesUntilSigtermThenExitsZero() throws Exception {
    process = start(Map.of("POD_IP", "127.0.0.1", "PORT", "0", "APP_VERSION", "1.3-SNAPSHOT"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !stdoutLines().isEmpty());
    String line = stdoutLines().getFirst();
    Matcher listening = LISTENING.matcher(line);
    assertThat(listening.matches()).as(line).isTrue();

    try (var client = HttpClient.newHttpClient()) {
      URI uri = URI.create("http://127.0.0.1:" + listening.group(1) + "/test/test");
      HttpResponse<String> response =
          client.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .isEqualTo(
              "{\"code\":0,\"data\":\"V3|Independent test interface return->OK!\","
                  + "\"message\":\"success\"}");
    }

    process.destroy(); // SIGTERM
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(stdoutLines())
        .containsExactly(line, "micro-api stopping, 0 request(s) in flight", "micro-api stopped");
  }

  @Test
  void invalidVariableExitsTwoWithOneLineNamingIt() throws Exception {
    process = start(Map.of("PORT", "0", "ERROR_RATE", "2"));

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getErrorStream().readAllBytes(), UTF_8))
        .isEqualTo(
            "micro-api: ERROR_RATE: Invalid value: \"2\": must be a number between 0 and 1"
                + System.lineSeparator());
    assertThat(stdoutLines()).isEmpty();
  }

  private List<String> stdoutLines() throws IOException {
    return Files.readAllLines(dir.resolve("stdout"), UTF_8);
  }

  private Process start(Map<String, String> env) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    var builder = new ProcessBuilder(List.of(java, "-jar", jar().toString()));
    // Start from a clean slate: the test JVM's own environment must not set a knob.
    Stream.of("POD_IP", "PORT", "APP_VERSION", "ERROR_RATE", "EXTRA_LATENCY_MS")
        .forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    builder.redirectOutput(dir.resolve("stdout").toFile());
    return builder.start();
  }

  /** {@code target/canary-micro-api-<version>.jar}, built by {@code package} before this runs. */
  private static Path jar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(
              p -> p.getFileName().toString().matches("canary-micro-api-[^-]+(-SNAPSHOT)?\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no canary-micro-api jar in target/"));
    }
  }
}
