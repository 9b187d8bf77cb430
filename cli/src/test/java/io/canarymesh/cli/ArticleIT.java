package io.canarymesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The article, end to end, as its reader does it — through {@code ./canary demo}, the README's
 * first command: every command of the tutorial with the real kubectl and the seed manifests
 * unmodified, real HTTP through the ClusterIP and the ingress gateway, each step checked against
 * what the article shows (3/3 3 3, the ScalingReplicaSet events, old and canary pods side by side,
 * a random mix through the ClusterIP, 30% ± 1 point on v2 over 1,000 requests through the gateway,
 * then 100% within a second). The demo exits 0 only if all of it held, and leaves nothing running.
 */
@Timeout(600)
class ArticleIT {
  @TempDir Path dir;

  @Test
  void theDemoRunsEveryStepOfTheArticleAndLeavesNothingRunning() throws Exception {
    Path state = dir.resolve("demo");
    Path log = dir.resolve("demo.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                LauncherIT.ROOT.resolve("canary").toString(),
                "demo",
                "--state-dir",
                state.toString())
            .directory(LauncherIT.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Process demo = builder.start();
    assertThat(demo.waitFor(540, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(log);
    assertThat(demo.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("$ kubectl apply -f micro-api.yaml")
        .containsPattern("micro-api\\s+3/3\\s+3\\s+3")
        .contains("Scaled up replica set micro-api-")
        .contains("$ kubectl rollout pause deployment/micro-api")
        .contains("track=canary")
        .contains("$ kubectl rollout undo deployment/micro-api")
        .contains("$ kubectl get vs")
        .contains("1000 requests: 300 V3 (30.0%), 700 older, 0 failed")
        .contains("1000 requests: 1000 V3 (100.0%), 0 older, 0 failed")
        .contains("every step behaved as the article describes")
        .doesNotContain("✗");
    assertThat(UpCommandIT.podProcesses(state.resolve("platform"))).isEmpty();
  }
}
