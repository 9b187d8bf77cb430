package io.canarymesh.apiserver.kubectl;

import static io.canarymesh.testing.kubectl.KubectlResult.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.canarymesh.testing.kubectl.Kubectl.KubectlProcess;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kubectl get -w}: the table first, then one row per change, on a stream the server keeps
 * open until kubectl leaves. The watch starts from the list's resourceVersion, so a change made
 * once the table is printed cannot be missed.
 */
@ExtendWith(KubectlClusterExtension.class)
@Timeout(60)
class KubectlWatchIT {
  static final Duration PATIENCE = Duration.ofSeconds(20);

  @BeforeEach
  void applyMicroApi(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("apply", "-f", "micro-api.yaml").exitCode()).isZero();
    cluster.clock().advance(Duration.ofSeconds(42));
  }

  @Test
  void getWatchPrintsARowWhenTheDeploymentIsScaled(KubectlCluster cluster) {
    try (KubectlProcess watch = cluster.kubectl().start("get", "deployments", "-w")) {
      await().atMost(PATIENCE).until(watch::stdout, out -> out.lines().count() >= 2);
      assertThat(watch.stdout())
          .isEqualTo(
              """
              NAME        READY   UP-TO-DATE   AVAILABLE   AGE
              micro-api   0/3     0            0           42s
              """);

      assertThat(cluster.kubectl().run("scale", "deployment", "micro-api", "--replicas=5"))
          .isEqualTo(success("deployment.apps/micro-api scaled\n"));

      await().atMost(PATIENCE).until(watch::stdout, out -> out.lines().count() >= 3);
      assertThat(watch.stdout())
          .isEqualTo(
              """
              NAME        READY   UP-TO-DATE   AVAILABLE   AGE
              micro-api   0/3     0            0           42s
              micro-api   0/5     0            0           42s
              """);
      assertThat(watch.isAlive()).as("the stream stays open").isTrue();
      assertThat(watch.stderr()).isEmpty();
    }
  }

  @Test
  void watchEventsNameAddedModifiedAndDeleted(KubectlCluster cluster) {
    try (KubectlProcess watch =
        cluster.kubectl().start("get", "deployments", "-w", "--output-watch-events")) {
      await().atMost(PATIENCE).until(watch::stdout, out -> out.lines().count() >= 2);

      cluster.kubectl().run("set", "image", "deployment/micro-api", "micro-api=micro-api:2");
      await().atMost(PATIENCE).until(watch::stdout, out -> out.lines().count() >= 3);
      cluster.kubectl().run("delete", "deployment", "micro-api");
      await().atMost(PATIENCE).until(watch::stdout, out -> out.lines().count() >= 4);

      assertThat(watch.stdout())
          .isEqualTo(
              """
              EVENT      NAME        READY   UP-TO-DATE   AVAILABLE   AGE
              ADDED      micro-api   0/3     0            0           42s
              MODIFIED   micro-api   0/3     0            0           42s
              DELETED    micro-api   0/3     0            0           42s
              """);
      assertThat(watch.stderr()).isEmpty();
    }
  }
}
