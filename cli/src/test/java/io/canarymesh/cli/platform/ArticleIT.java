package io.canarymesh.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.canarymesh.cli.demo.DemoScript;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The article, end to end, as its reader does it: every command of the tutorial with the real
 * kubectl and the seed manifests unmodified, and real HTTP through the ClusterIP and the ingress
 * gateway. {@link DemoScript} checks each step against what the article shows (3/3 3 3, the
 * ScalingReplicaSet events, old and canary pods side by side, a random mix through the ClusterIP,
 * 30% ± 1 point on v2 over 1,000 requests through the gateway, then 100% within a second).
 */
@Timeout(600)
class ArticleIT {
  @TempDir Path dir;

  @Test
  void everyStepOfTheArticleBehavesAsDescribed() throws Exception {
    try (RunningPlatform platform = new RunningPlatform(dir)) {
      DemoScript script = new DemoScript(platform.kubectl(), platform.out());
      assertThatCode(script::run).as(platform.transcript()).doesNotThrowAnyException();
      assertThat(platform.transcript())
          .contains("micro-api   3/3     3            3")
          .contains("Scaled up replica set micro-api-")
          .contains("1000 requests: 300 V3 (30.0%), 700 older, 0 failed")
          .contains("1000 requests: 1000 V3 (100.0%), 0 older, 0 failed")
          .contains("every step behaved as the article describes");
    }
  }
}
