package io.canarymesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.cli.demo.HttpProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./canary up} as a user runs it: it prints where the API is and how to point kubectl at it,
 * the real kubectl works against it, SIGTERM stops it with exit 0, and state survives a restart.
 */
@org.junit.jupiter.api.Timeout(180)
class UpCommandIT {
  static final Path ROOT = LauncherIT.ROOT;

  @TempDir Path work;

  record Up(Process process, Path log, String kubeconfig) {}

  Up up(Path state) throws Exception {
    Path log = Files.createTempFile(work, "up", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                ROOT.resolve("canary").toString(),
                "up",
                "--state-dir",
                state.toString(),
                "--api-port",
                "0",
                "--admin",
                "127.0.0.1:0")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("JAVA_HOME");
    Process process = builder.start();
    // up to 60 s more when this is the build's first `up`: the launcher records its start-up cache
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> Files.readString(log).contains("ready") || !process.isAlive());
    String output = Files.readString(log);
    assertThat(output).as(output).contains("ready");
    Matcher export = Pattern.compile("export KUBECONFIG=(\\S+)").matcher(output);
    assertThat(export.find()).as(output).isTrue();
    assertThat(output).containsPattern("API server: https://127\\.0\\.0\\.1:\\d+");
    return new Up(process, log, export.group(1));
  }

  static String kubectl(String kubeconfig, Path cache, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "/usr/bin/kubectl", "--kubeconfig", kubeconfig, "--cache-dir", cache.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  /** The live processes the pod runtime recorded under the state directory. */
  static List<ProcessHandle> podProcesses(Path state) throws IOException {
    Path pods = state.resolve("pods");
    if (!Files.isDirectory(pods)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(pods)) {
      return files
          .filter(file -> file.toString().endsWith(".pid"))
          .map(UpCommandIT::pid)
          .flatMap(pid -> ProcessHandle.of(pid).stream())
          .filter(ProcessHandle::isAlive)
          .toList();
    }
  }

  private static long pid(Path file) {
    try {
      return Long.parseLong(Files.readAllLines(file).get(0).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Test
  void theLauncherRecordsAStartUpCacheOncePerBuildAndStartsWithIt() throws Exception {
    Path dist = ROOT.resolve("cli/target/canary");
    String release = Files.readString(Path.of(System.getProperty("java.home"), "release"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        release.matches("(?s).*JAVA_VERSION=\"(2[4-9]|[3-9]\\d).*"), "AOT caches need JDK 24+");
    Files.deleteIfExists(dist.resolve("canary.aot"));

    Up recording = up(work.resolve("first"));
    stop(recording);
    Up cached = up(work.resolve("second"));
    stop(cached);

    assertThat(Files.readString(recording.log()))
        .contains("canary: recording a start-up cache for this build");
    assertThat(dist.resolve("canary.aot")).isNotEmptyFile();
    assertThat(Files.readString(cached.log()))
        .doesNotContain("recording a start-up cache")
        .doesNotContain("[aot]")
        .contains("ready in");
  }

  private static void stop(Up up) throws InterruptedException {
    up.process().destroy();
    assertThat(up.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(up.process().exitValue()).isZero();
  }

  @Test
  void kubectlDrivesItAndPodsAndStateSurviveARestart() throws Exception {
    Path state = work.resolve("state");
    Up first = up(state);
    Path cache = work.resolve("cache");
    assertThat(Files.readString(first.log()))
        .containsPattern("Ingress gateway: http://127\\.0\\.0\\.1:\\d+");

    assertThat(kubectl(first.kubeconfig(), cache, "apply", "-f", "scenarios/seed/micro-api.yaml"))
        .isEqualTo("service/micro-api created\ndeployment.apps/micro-api created\n");
    assertThat(
            kubectl(
                first.kubeconfig(),
                cache,
                "rollout",
                "status",
                "deployment/micro-api",
                "--timeout=60s"))
        .contains("successfully rolled out");
    String uid =
        kubectl(
            first.kubeconfig(),
            cache,
            "get",
            "deployment",
            "micro-api",
            "-o",
            "jsonpath={.metadata.uid}");
    String pods = podNames(first.kubeconfig(), cache);
    List<ProcessHandle> running = podProcesses(state);
    assertThat(running).hasSize(3);
    assertThat(kubectl(first.kubeconfig(), cache, "get", "--raw", "/readyz")).isEqualTo("ok");

    // the Service answers on its ClusterIP, and the proxy's metrics count it
    String clusterIp =
        kubectl(
            first.kubeconfig(),
            cache,
            "get",
            "svc",
            "micro-api",
            "-o",
            "jsonpath={.spec.clusterIP}");
    HttpProbe.Response reply =
        HttpProbe.get(new InetSocketAddress(clusterIp, 19090), "micro-api", "/test/test");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    Matcher admin =
        Pattern.compile("Admin: (http://127\\.0\\.0\\.1:\\d+)")
            .matcher(Files.readString(first.log()));
    assertThat(admin.find()).isTrue();
    String metrics = get(URI.create(admin.group(1) + "/metrics"));
    assertThat(metrics)
        .contains("istio_requests_total{")
        .contains("destination_service=\"micro-api.default.svc.cluster.local\"")
        .contains("response_code=\"200\"");

    first.process().destroy(); // SIGTERM: pods stop gracefully, the platform exits 0
    assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(first.process().exitValue()).isZero();
    assertThat(running).noneMatch(ProcessHandle::isAlive);

    Up second = up(state);
    try {
      assertThat(
              kubectl(
                  second.kubeconfig(),
                  work.resolve("cache2"),
                  "get",
                  "deployment",
                  "micro-api",
                  "-o",
                  "jsonpath={.metadata.uid}"))
          .isEqualTo(uid);
      // the same pod objects, running again in new processes
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(podProcesses(state)).hasSize(3));
      assertThat(podNames(second.kubeconfig(), work.resolve("cache2"))).isEqualTo(pods);
      assertThat(
              kubectl(
                  second.kubeconfig(),
                  work.resolve("cache2"),
                  "rollout",
                  "status",
                  "deployment/micro-api",
                  "--timeout=60s"))
          .contains("successfully rolled out");

      // kill -9 of the platform leaves the pods' processes behind: the next start removes them
      List<ProcessHandle> orphans = podProcesses(state);
      second.process().destroyForcibly();
      assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(orphans).allMatch(ProcessHandle::isAlive);
      Up third = up(state);
      try {
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(orphans).noneMatch(ProcessHandle::isAlive));
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(podProcesses(state)).hasSize(3));
      } finally {
        third.process().destroy();
        third.process().waitFor(60, TimeUnit.SECONDS);
      }
    } finally {
      second.process().destroyForcibly();
      second.process().waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(podProcesses(state)).isEmpty();
  }

  private static String get(URI uri) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  private static String podNames(String kubeconfig, Path cache) throws Exception {
    return kubectl(
        kubeconfig, cache, "get", "pods", "-o", "jsonpath={range .items[*]}{.metadata.name} {end}");
  }
}
