package io.canarymesh.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaSetPodsTest {
  static final Instant NOW = Instant.parse("2026-01-02T10:00:10Z");

  @Test
  void statusCountsReadyAvailableAndFullyLabeledPods() {
    ReplicaSet rs = rs(3, 5);
    List<Pod> pods =
        List.of(
            pod("a", Map.of("app", "web", "tier", "x"), "2026-01-02T10:00:00Z", true),
            pod("b", Map.of("app", "web"), "2026-01-02T10:00:08Z", true),
            pod("c", Map.of("app", "other"), null, false));

    ReplicaSetStatus status = ReplicaSetPods.status(rs, pods, NOW);

    assertThat(status.getReplicas()).isEqualTo(3);
    assertThat(status.getFullyLabeledReplicas()).isEqualTo(2);
    assertThat(status.getReadyReplicas()).isEqualTo(2);
    assertThat(status.getAvailableReplicas()).as("b is ready for 2 s of 5").isEqualTo(1);
    assertThat(status.getObservedGeneration()).isEqualTo(4L);
    // b turns available at 10:00:13 + a margin.
    assertThat(ReplicaSetPods.nextAvailable(rs, pods, NOW)).contains(Duration.ofMillis(3050));
  }

  @Test
  void terminatingAndFinishedPodsAreNotReplicas() {
    Pod terminating = pod("t", Map.of("app", "web"), "2026-01-02T10:00:00Z", true);
    terminating.getMetadata().setDeletionTimestamp("2026-01-02T10:00:09Z");
    Pod failed = pod("f", Map.of("app", "web"), null, false);
    failed.getStatus().setPhase("Failed");
    Pod running = pod("r", Map.of("app", "web"), "2026-01-02T10:00:00Z", true);

    assertThat(ReplicaSetPods.active(List.of(terminating, failed, running)))
        .containsExactly(running);
  }

  @Test
  void surplusPodsGoNotReadyFirst() {
    Pod ready = pod("ready", Map.of("app", "web"), "2026-01-02T10:00:00Z", true);
    Pod notReady = pod("not-ready", Map.of("app", "web"), null, false);
    assertThat(ReplicaSetPods.toDelete(List.of(ready, notReady), 1)).containsExactly(notReady);
  }

  @Test
  void aPodIsMadeFromTheTemplateAndOwnedByTheReplicaSet() {
    Pod pod = ReplicaSetReconciler.podFor(rs(3, 0));
    assertThat(pod.getMetadata().getGenerateName()).isEqualTo("web-abc-");
    assertThat(pod.getMetadata().getLabels())
        .isEqualTo(Map.of("app", "web", "pod-template-hash", "abc"));
    assertThat(pod.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            ref -> {
              assertThat(ref.getKind()).isEqualTo("ReplicaSet");
              assertThat(ref.getUid()).isEqualTo("uid-1");
              assertThat(ref.getController()).isTrue();
            });
    assertThat(pod.getSpec().getContainers())
        .singleElement()
        .satisfies(c -> assertThat(c.getImage()).isEqualTo("img"));
  }

  static ReplicaSet rs(int replicas, int minReadySeconds) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName("web-abc")
        .withNamespace("default")
        .withUid("uid-1")
        .withGeneration(4L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withMinReadySeconds(minReadySeconds)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", "web", "pod-template-hash", "abc"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("img")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static Pod pod(String name, Map<String, String> labels, String readySince, boolean ready) {
    Map<String, String> all = new java.util.HashMap<>(labels);
    if (labels.get("app").equals("web")) {
      all.put("pod-template-hash", "abc");
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(all)
        .withCreationTimestamp("2026-01-02T09:59:00Z")
        .endMetadata()
        .withNewSpec()
        .withNodeName("local")
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withLastTransitionTime(readySince)
        .endCondition()
        .endStatus()
        .build();
  }
}
