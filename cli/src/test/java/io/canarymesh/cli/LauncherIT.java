package io.canarymesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./canary} launcher as a new user runs it: no JAVA_HOME, the machine's default (older)
 * {@code java} first on PATH, the distribution this build just packaged.
 */
class LauncherIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  record Run(int exitCode, String output) {}

  static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(ROOT.resolve("canary").toString()),
                        java.util.Arrays.stream(args))
                    .toList())
            .directory(ROOT.toFile())
            .redirectErrorStream(true);
    builder.environment().remove("JAVA_HOME");
    builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  @Test
  void helpListsTheCommandsWithoutJavaHome() throws Exception {
    Run run = run(Map.of(), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.output()).contains("Usage: canary").contains("analyze");
    assertThat(run.output()).doesNotContain("building the distribution");
  }

  @Test
  void analyzesTheArticlesManifests() throws Exception {
    Run run = run(Map.of(), "analyze", "scenarios/seed");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("scenarios/seed/micro-api.yaml: deployment.apps/micro-api valid")
        .contains(
            "scenarios/seed/virtual-service-all.yaml: virtualservice.networking.istio.io/micro-api-route valid")
        .contains("Warning [CM0001] (Service default/micro-api)")
        .contains("0 invalid, 0 analysis errors, 3 warnings");
  }

  @Test
  void rejectsAnInvalidManifestNamingTheField(@TempDir Path dir) throws Exception {
    Path manifest = dir.resolve("bad.yaml");
    Files.writeString(
        manifest,
        String.join(
            "\n",
            List.of(
                "apiVersion: networking.istio.io/v1alpha3",
                "kind: VirtualService",
                "metadata: {name: r}",
                "spec:",
                "  hosts: [micro-api]",
                "  http:",
                "  - route:",
                "    - destination: {host: micro-api, subset: v1}",
                "      weight: -70",
                "")));

    Run run = run(Map.of(), "analyze", manifest.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output()).contains("spec.http[0].route[0].weight");
  }

  @Test
  void failsWithOneLineWhenNoJdkIsFound() throws Exception {
    Run run = run(Map.of("CANARY_JDK_DIRS", "/nonexistent"), "--help");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output().strip())
        .startsWith("canary: needs a JDK 21 or newer and found none")
        .doesNotContain("\n");
  }
}
