package io.canarymesh.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.canarymesh.cli.platform.Platform;
import io.canarymesh.cli.platform.PlatformClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without kubectl the demo drives the API with fabric8: the article's rolling update and paused
 * canary (with undo) pass the same checks, printed as kubectl would print them.
 */
@Timeout(300)
class KubectlEmulationIT {
  @TempDir Path dir;

  @Test
  void theArticlesFirstTwoPartsPassThroughTheApiAlone() {
    StringWriter transcript = new StringWriter();
    PrintWriter out = new PrintWriter(transcript, true);
    try (Platform platform =
            Platform.start(
                dir.resolve("platform"), new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
        KubernetesClient client = PlatformClient.of(platform.kubeconfig())) {
      Path manifests = SeedManifests.writeTo(dir.resolve("manifests"));
      DemoScript script = new DemoScript(new KubectlEmulation(client, manifests, out), out);
      assertThatCode(
              () -> {
                script.rollingUpdate();
                script.canaryByPausing();
              })
          .as(transcript.toString())
          .doesNotThrowAnyException();
    }
    assertThat(transcript.toString())
        .containsPattern("micro-api\\s+3/3\\s+3\\s+3")
        .contains("Scaled down replica set micro-api-")
        .contains("Waiting for deployment \"micro-api\" rollout to finish")
        .contains("track=canary")
        .contains("deployment.apps/micro-api rolled back");
  }
}
