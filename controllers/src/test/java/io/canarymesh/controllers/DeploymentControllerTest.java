package io.canarymesh.controllers;

import static io.canarymesh.controllers.Workloads.deployment;
import static io.canarymesh.controllers.Workloads.get;
import static io.canarymesh.controllers.Workloads.pods;
import static io.canarymesh.controllers.Workloads.replicaSets;
import static io.canarymesh.controllers.Workloads.rolledOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Deployment and ReplicaSet controllers against the real API server and a test kubelet. */
@Timeout(90)
class DeploymentControllerTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  TestCluster cluster;
  KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = TestCluster.start(dir);
    client = cluster.client;
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void createsAReplicaSetAndThreePodsAndReportsThemAvailable() {
    Deployment created = client.resource(deployment("web", 3).build()).create();

    await().atMost(WAIT).until(() -> rolledOut(get(client, "web"), 3));

    List<ReplicaSet> sets = replicaSets(client, "web");
    assertThat(sets).hasSize(1);
    ReplicaSet rs = sets.getFirst();
    String hash = rs.getMetadata().getLabels().get("pod-template-hash");
    assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]+");
    assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
    assertThat(rs.getSpec().getSelector().getMatchLabels())
        .containsEntry("pod-template-hash", hash);
    assertThat(rs.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            ref -> {
              assertThat(ref.getUid()).isEqualTo(created.getMetadata().getUid());
              assertThat(ref.getController()).isTrue();
              assertThat(ref.getKind()).isEqualTo("Deployment");
            });
    assertThat(rs.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "1")
        .containsEntry("deployment.kubernetes.io/desired-replicas", "3")
        .containsEntry("deployment.kubernetes.io/max-replicas", "4");
    assertThat(rs.getStatus().getReplicas()).isEqualTo(3);
    assertThat(rs.getStatus().getFullyLabeledReplicas()).isEqualTo(3);
    assertThat(rs.getStatus().getAvailableReplicas()).isEqualTo(3);
    assertThat(rs.getStatus().getObservedGeneration()).isEqualTo(rs.getMetadata().getGeneration());

    List<Pod> pods = pods(client, "web");
    assertThat(pods).hasSize(3);
    for (Pod pod : pods) {
      assertThat(pod.getMetadata().getName()).matches("web-" + hash + "-[a-z0-9]{5}");
      assertThat(pod.getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
      assertThat(pod.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(rs.getMetadata().getUid()));
    }

    Deployment d = get(client, "web");
    assertThat(d.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "1");
    assertThat(d.getStatus().getReadyReplicas()).isEqualTo(3);
    assertThat(d.getStatus().getUnavailableReplicas()).isIn(null, 0);
    assertThat(d.getStatus().getConditions())
        .extracting(
            DeploymentCondition::getType,
            DeploymentCondition::getStatus,
            DeploymentCondition::getReason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("Available", "True", "MinimumReplicasAvailable"),
            org.assertj.core.groups.Tuple.tuple("Progressing", "True", "NewReplicaSetAvailable"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(events("Deployment", "web"))
                    .extracting(
                        Event::getReason, Event::getMessage, e -> e.getSource().getComponent())
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            "ScalingReplicaSet",
                            "Scaled up replica set " + rs.getMetadata().getName() + " to 3",
                            "deployment-controller")));
    assertThat(events("ReplicaSet", rs.getMetadata().getName()))
        .hasSize(3)
        .allSatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("SuccessfulCreate");
              assertThat(e.getMessage())
                  .startsWith("Created pod: " + rs.getMetadata().getName() + "-");
              assertThat(e.getSource().getComponent()).isEqualTo("replicaset-controller");
            });
  }

  List<Event> events(String kind, String name) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> kind.equals(e.getInvolvedObject().getKind()))
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }
}
