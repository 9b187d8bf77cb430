package io.canarymesh.controllers.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.canarymesh.controllers.TestCluster;
import io.canarymesh.testing.kubectl.Kubectl;
import io.canarymesh.testing.kubectl.KubectlResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The article's part 1 and 2 with the real kubectl and the seed manifests unmodified, the
 * controllers and a test kubelet running: apply, rollout status, get, describe, set image, pause,
 * resume, undo. The seed's minReadySeconds of 5 is kept, so each rollout takes real seconds; the
 * tests print how long.
 */
@Timeout(180)
class ControllersKubectlIT {
  static final Path SEED = Path.of("..", "scenarios", "seed").toAbsolutePath().normalize();
  static final String IMAGE = "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api";

  @TempDir Path dir;
  TestCluster cluster;
  Kubectl kubectl;

  @BeforeEach
  void start() {
    cluster = TestCluster.start(dir.resolve("state"));
    kubectl = Kubectl.create(cluster.controlPlane.kubeconfig(), SEED, dir);
    assertThat(kubectl.run("apply", "-f", "micro-api.yaml").exitCode()).isZero();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void rolloutStatusGetAndDescribeShowTheFirstRollout() {
    long start = System.nanoTime();
    KubectlResult status =
        kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=60s");
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("initial 3-replica rollout (minReadySeconds 5): " + millis + " ms");

    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.stdout()).endsWith("deployment \"micro-api\" successfully rolled out\n");
    assertThat(status.stdout())
        .contains(
            "Waiting for deployment \"micro-api\" rollout to finish: 0 of 3 updated replicas are available...\n");

    KubectlResult get = kubectl.run("get", "deployments");
    assertThat(get.stdout()).containsPattern("(?m)^micro-api\\s+3/3\\s+3\\s+3\\s+\\S+$");

    String rs = replicaSetNames().getFirst();
    KubectlResult describe = kubectl.run("describe", "deployment", "micro-api");
    assertThat(describe.stdout())
        .containsPattern(
            "Replicas:\\s+3 desired \\| 3 updated \\| 3 total \\| 3 available \\| 0 unavailable")
        .containsPattern("NewReplicaSet:\\s+" + rs + " \\(3/3 replicas created\\)")
        .containsPattern(
            "Normal\\s+ScalingReplicaSet\\s+\\S+\\s+deployment-controller\\s+Scaled up replica set "
                + rs
                + " to 3");
  }

  @Test
  void setImageRollsOutUndoRevivesTheFirstReplicaSet() {
    assertThat(kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=60s").exitCode())
        .isZero();
    String first = replicaSetNames().getFirst();

    assertThat(
            kubectl
                .run("set", "image", "deployment/micro-api", "micro-api=" + IMAGE + ":1.1-SNAPSHOT")
                .exitCode())
        .isZero();
    long start = System.nanoTime();
    KubectlResult status =
        kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=60s");
    System.out.println(
        "set image rollout of 3 replicas (maxSurge 1, maxUnavailable 1, minReadySeconds 5): "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");
    System.out.print(status.stdout());
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.stdout()).endsWith("deployment \"micro-api\" successfully rolled out\n");
    assertThat(status.stdout())
        .containsPattern(
            "Waiting for deployment \"micro-api\" rollout to finish: \\d (out of 3 new replicas have been updated|old replicas are pending termination|of 3 updated replicas are available)\\.\\.\\.");

    KubectlResult describe = kubectl.run("describe", "deployment", "micro-api");
    assertThat(describe.stdout())
        .containsPattern("OldReplicaSets:\\s+" + first + " \\(0/0 replicas created\\)")
        .containsPattern("Scaled down replica set " + first + " to \\d");

    // The user's change-cause is copied to the current ReplicaSet: `rollout history` shows it.
    assertThat(
            kubectl
                .run("annotate", "deployment/micro-api", "kubernetes.io/change-cause=image 1.1")
                .exitCode())
        .isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(kubectl.run("rollout", "history", "deployment/micro-api").stdout())
                    .containsPattern("(?m)^1\\s+<none>$")
                    .containsPattern("(?m)^2\\s+image 1.1$"));

    KubectlResult undo = kubectl.run("rollout", "undo", "deployment/micro-api");
    assertThat(undo.stdout()).isEqualTo("deployment.apps/micro-api rolled back\n");
    assertThat(kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=60s").exitCode())
        .isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(replicaSetNames()).hasSize(2));
    ReplicaSet revived =
        cluster.client.apps().replicaSets().inNamespace("default").withName(first).get();
    assertThat(revived.getSpec().getReplicas()).isEqualTo(3);
    assertThat(revived.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "3");
    KubectlResult history = kubectl.run("rollout", "history", "deployment/micro-api");
    assertThat(history.stdout())
        .containsPattern("(?m)^2\\s+image 1.1$")
        .containsPattern("(?m)^3\\s+");
  }

  @Test
  void pausedRolloutKeepsOldAndNewPodsSideBySideUntilResumed() {
    assertThat(kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=60s").exitCode())
        .isZero();
    assertThat(
            kubectl
                .run("set", "image", "deployment/micro-api", "micro-api=" + IMAGE + ":1.1-SNAPSHOT")
                .exitCode())
        .isZero();
    assertThat(kubectl.run("rollout", "pause", "deployment/micro-api").stdout())
        .isEqualTo("deployment.apps/micro-api paused\n");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        cluster
                            .client
                            .apps()
                            .deployments()
                            .inNamespace("default")
                            .withName("micro-api")
                            .get()
                            .getStatus()
                            .getConditions())
                    .anySatisfy(c -> assertThat(c.getReason()).isEqualTo("DeploymentPaused")));
    // Once every pod is available a running rollout would take its next step at once; a paused
    // one keeps both versions side by side, the article's canary.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              var status = deployment().getStatus();
              return status.getReplicas() != null
                  && status.getReplicas().equals(status.getAvailableReplicas());
            });
    List<String> sideBySide = images();
    assertThat(sideBySide).contains(IMAGE + ":1.0-SNAPSHOT", IMAGE + ":1.1-SNAPSHOT");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .until(() -> images().size() == sideBySide.size() && images().containsAll(sideBySide));

    assertThat(kubectl.run("rollout", "resume", "deployment/micro-api").stdout())
        .isEqualTo("deployment.apps/micro-api resumed\n");
    KubectlResult status =
        kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=60s");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(images()).containsOnly(IMAGE + ":1.1-SNAPSHOT").hasSize(3));
  }

  @Test
  void scaleThenDeleteRemovesPodsAndEndpoints() {
    assertThat(kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=60s").exitCode())
        .isZero();
    assertThat(kubectl.run("scale", "deployment/micro-api", "--replicas=5").stdout())
        .isEqualTo("deployment.apps/micro-api scaled\n");
    KubectlResult status =
        kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=60s");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(kubectl.run("get", "deployments").stdout())
        .containsPattern("(?m)^micro-api\\s+5/5\\s+5\\s+5\\s+\\S+$");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              var endpoints =
                  cluster.client.endpoints().inNamespace("default").withName("micro-api").get();
              return endpoints != null
                  && endpoints.getSubsets().size() == 1
                  && endpoints.getSubsets().getFirst().getAddresses().size() == 5
                  && endpoints.getSubsets().getFirst().getPorts().getFirst().getPort() == 9090;
            });

    KubectlResult delete = kubectl.run("delete", "-f", "micro-api.yaml");
    assertThat(delete.exitCode()).as(delete.toString()).isZero();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                images().isEmpty()
                    && replicaSetNames().isEmpty()
                    && cluster.client.endpoints().inNamespace("default").withName("micro-api").get()
                        == null);
  }

  @Test
  void rolloutStatusFailsOnceTheProgressDeadlineIsExceeded() {
    assertThat(kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=60s").exitCode())
        .isZero();
    cluster.kubelet.startNotReady(
        pod -> pod.getSpec().getContainers().getFirst().getImage().endsWith(":1.1-SNAPSHOT"));
    KubectlResult patch =
        kubectl.run(
            "patch", "deployment", "micro-api", "-p", "{\"spec\":{\"progressDeadlineSeconds\":6}}");
    assertThat(patch.exitCode()).as(patch.toString()).isZero();
    assertThat(
            kubectl
                .run("set", "image", "deployment/micro-api", "micro-api=" + IMAGE + ":1.1-SNAPSHOT")
                .exitCode())
        .isZero();

    KubectlResult status =
        kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=60s");

    assertThat(status.exitCode()).as(status.toString()).isEqualTo(1);
    assertThat(status.stderr())
        .isEqualTo("error: deployment \"micro-api\" exceeded its progress deadline\n");
    assertThat(kubectl.run("describe", "deployment", "micro-api").stdout())
        .containsPattern("Progressing\\s+False\\s+ProgressDeadlineExceeded");
  }

  io.fabric8.kubernetes.api.model.apps.Deployment deployment() {
    return cluster.client.apps().deployments().inNamespace("default").withName("micro-api").get();
  }

  List<String> images() {
    return cluster.client.pods().inNamespace("default").list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .map((Pod p) -> p.getSpec().getContainers().getFirst().getImage())
        .toList();
  }

  List<String> replicaSetNames() {
    return cluster.client.apps().replicaSets().inNamespace("default").list().getItems().stream()
        .map(rs -> rs.getMetadata().getName())
        .toList();
  }
}
