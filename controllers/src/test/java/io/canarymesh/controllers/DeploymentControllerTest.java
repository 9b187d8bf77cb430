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

  @Test
  void rollingUpdateKeepsWithinMaxSurgeAndMaxUnavailableAtEveryMoment() throws Exception {
    // Defaults: 25% of 3 → maxSurge 1 (rounded up), maxUnavailable 0 (rounded down).
    client.resource(deployment("web", 3).build()).create();
    await().atMost(WAIT).until(() -> rolledOut(get(client, "web"), 3));
    String oldRs = replicaSets(client, "web").getFirst().getMetadata().getName();

    try (RolloutObserver observer = new RolloutObserver(client, "web")) {
      observer.clear();
      Workloads.setImage(client, "web", "registry.example/web:2");
      await()
          .atMost(WAIT)
          .until(() -> rolledOut(get(client, "web"), 3) && pods(client, "web").size() == 3);

      List<RolloutObserver.Moment> moments = observer.moments();
      assertThat(moments).isNotEmpty();
      assertThat(moments).allSatisfy(m -> assertThat(m.specReplicas()).isLessThanOrEqualTo(4));
      assertThat(moments).allSatisfy(m -> assertThat(m.readyPods()).isGreaterThanOrEqualTo(3));
      assertThat(moments).anySatisfy(m -> assertThat(m.replicaSetsWithPods()).hasSize(2));
      // Pods, unlike ReplicaSet sizes, are not bounded by Kubernetes either: an old pod's deletion
      // and a new pod's creation are made by two ReplicaSet syncs that may overlap. Reported only.
      System.out.println(
          "rolling update 3 replicas, surge 1: most pods at once "
              + moments.stream().mapToInt(RolloutObserver.Moment::pods).max().orElse(0)
              + ", fewest ready "
              + moments.stream().mapToInt(RolloutObserver.Moment::readyPods).min().orElse(0));
    }

    List<ReplicaSet> sets = replicaSets(client, "web");
    assertThat(sets).hasSize(2);
    ReplicaSet old =
        sets.stream()
            .filter(rs -> rs.getMetadata().getName().equals(oldRs))
            .findFirst()
            .orElseThrow();
    ReplicaSet fresh =
        sets.stream()
            .filter(rs -> !rs.getMetadata().getName().equals(oldRs))
            .findFirst()
            .orElseThrow();
    assertThat(old.getSpec().getReplicas()).isZero();
    assertThat(fresh.getSpec().getReplicas()).isEqualTo(3);
    assertThat(fresh.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "2");
    assertThat(get(client, "web").getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "2");
    assertThat(pods(client, "web"))
        .allSatisfy(
            p -> assertThat(p.getMetadata().getName()).startsWith(fresh.getMetadata().getName()));
  }

  @Test
  void pauseHoldsOldAndNewSideBySideAndResumeCompletes() {
    client.resource(Workloads.rolling(deployment("web", 3), 1, 0).build()).create();
    await().atMost(WAIT).until(() -> rolledOut(get(client, "web"), 3));
    cluster.kubelet.startNotReady(
        p -> p.getSpec().getContainers().get(0).getImage().endsWith(":2"));

    Workloads.setImage(client, "web", "registry.example/web:2");
    await()
        .atMost(WAIT)
        .until(() -> replicaSets(client, "web").size() == 2 && pods(client, "web").size() == 4);
    setPaused(true);
    await()
        .atMost(WAIT)
        .until(() -> progressingReason(get(client, "web")).equals("DeploymentPaused"));
    // The canary pod turns ready; paused, the rollout takes no further step.
    Pod canary =
        pods(client, "web").stream()
            .filter(p -> p.getSpec().getContainers().get(0).getImage().endsWith(":2"))
            .findFirst()
            .orElseThrow();
    cluster.kubelet.setReady("default/" + canary.getMetadata().getName(), true);
    await().atMost(WAIT).until(() -> get(client, "web").getStatus().getAvailableReplicas() == 4);
    Deployment paused = get(client, "web");
    assertThat(paused.getStatus().getObservedGeneration())
        .isEqualTo(paused.getMetadata().getGeneration());
    assertThat(paused.getStatus().getUpdatedReplicas()).isEqualTo(1);
    assertThat(replicaSets(client, "web"))
        .extracting(Workloads::specReplicas)
        .containsExactlyInAnyOrder(3, 1);
    assertThat(pods(client, "web")).hasSize(4);

    cluster.kubelet.startNotReady(p -> false);
    setPaused(false);
    await()
        .atMost(WAIT)
        .until(() -> rolledOut(get(client, "web"), 3) && pods(client, "web").size() == 3);
    assertThat(replicaSets(client, "web"))
        .extracting(Workloads::specReplicas)
        .containsExactlyInAnyOrder(3, 0);
    assertThat(progressingReason(get(client, "web"))).isEqualTo("NewReplicaSetAvailable");
  }

  @Test
  void undoRevivesTheOldReplicaSetUnderTheNextRevision() {
    client.resource(deployment("web", 2).build()).create();
    await().atMost(WAIT).until(() -> rolledOut(get(client, "web"), 2));
    String first = replicaSets(client, "web").getFirst().getMetadata().getName();
    Workloads.setImage(client, "web", "registry.example/web:2");
    await()
        .atMost(WAIT)
        .until(() -> rolledOut(get(client, "web"), 2) && replicaSets(client, "web").size() == 2);

    // What `kubectl rollout undo` sends: revision 1's template, hash label dropped.
    Workloads.setImage(client, "web", Workloads.IMAGE);
    await()
        .atMost(WAIT)
        .until(() -> rolledOut(get(client, "web"), 2) && pods(client, "web").size() == 2);

    List<ReplicaSet> sets = replicaSets(client, "web");
    assertThat(sets).hasSize(2);
    ReplicaSet revived =
        sets.stream()
            .filter(rs -> rs.getMetadata().getName().equals(first))
            .findFirst()
            .orElseThrow();
    assertThat(revived.getSpec().getReplicas()).isEqualTo(2);
    assertThat(revived.getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "3")
        .containsEntry("deployment.kubernetes.io/revision-history", "1");
    assertThat(get(client, "web").getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "3");
  }

  @Test
  void scalingMidRolloutSharesTheChangeProportionally() {
    client.resource(Workloads.rolling(deployment("web", 3), 1, 0).build()).create();
    await().atMost(WAIT).until(() -> rolledOut(get(client, "web"), 3));
    cluster.kubelet.startNotReady(
        p -> p.getSpec().getContainers().get(0).getImage().endsWith(":2"));
    Workloads.setImage(client, "web", "registry.example/web:2");
    await().atMost(WAIT).until(() -> pods(client, "web").size() == 4);

    // 3 → 6 with maxSurge 1: maximum 4 → 7; old 3·7/4 = 5.25 → 5, new 1·7/4 = 1.75 → 2.
    Workloads.scale(client, "web", 6);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(replicaSets(client, "web"))
                    .extracting(rs -> rs.getSpec().getReplicas())
                    .containsExactlyInAnyOrder(5, 2));
    assertThat(replicaSets(client, "web"))
        .allSatisfy(
            rs ->
                assertThat(rs.getMetadata().getAnnotations())
                    .containsEntry("deployment.kubernetes.io/desired-replicas", "6")
                    .containsEntry("deployment.kubernetes.io/max-replicas", "7"));

    cluster.kubelet.startNotReady(p -> false);
    for (Pod pod : pods(client, "web")) {
      cluster.kubelet.setReady("default/" + pod.getMetadata().getName(), true);
    }
    await()
        .atMost(WAIT)
        .until(() -> rolledOut(get(client, "web"), 6) && pods(client, "web").size() == 6);
  }

  @Test
  void recreateStopsEveryOldPodBeforeStartingNewOnes() throws Exception {
    client
        .resource(
            deployment("web", 3)
                .editSpec()
                .withNewStrategy()
                .withType("Recreate")
                .endStrategy()
                .endSpec()
                .build())
        .create();
    await().atMost(WAIT).until(() -> rolledOut(get(client, "web"), 3));
    try (RolloutObserver observer = new RolloutObserver(client, "web")) {
      observer.clear();
      Workloads.setImage(client, "web", "registry.example/web:2");
      await()
          .atMost(WAIT)
          .until(() -> rolledOut(get(client, "web"), 3) && pods(client, "web").size() == 3);
      assertThat(observer.moments())
          .allSatisfy(m -> assertThat(m.replicaSetsWithPods()).hasSizeLessThanOrEqualTo(1));
      assertThat(observer.moments()).anySatisfy(m -> assertThat(m.pods()).isZero());
    }
  }

  @Test
  void aRolloutThatStopsProgressingExceedsItsDeadline() {
    client
        .resource(deployment("web", 2).editSpec().withProgressDeadlineSeconds(2).endSpec().build())
        .create();
    await().atMost(WAIT).until(() -> rolledOut(get(client, "web"), 2));
    cluster.kubelet.startNotReady(
        p -> p.getSpec().getContainers().get(0).getImage().endsWith(":2"));

    Workloads.setImage(client, "web", "registry.example/web:2");

    await()
        .atMost(WAIT)
        .until(() -> progressingReason(get(client, "web")).equals("ProgressDeadlineExceeded"));
    DeploymentCondition progressing = condition(get(client, "web"), "Progressing");
    assertThat(progressing.getStatus()).isEqualTo("False");
    assertThat(progressing.getMessage())
        .matches("ReplicaSet \"web-[a-z0-9]+\" has timed out progressing.");
  }

  @Test
  void revisionHistoryLimitDeletesTheOldestScaledDownReplicaSets() {
    client
        .resource(deployment("web", 1).editSpec().withRevisionHistoryLimit(1).endSpec().build())
        .create();
    for (int version = 2; version <= 4; version++) {
      Workloads.setImage(client, "web", "registry.example/web:" + version);
      int expected = version;
      await()
          .atMost(WAIT)
          .until(
              () ->
                  rolledOut(get(client, "web"), 1)
                      && String.valueOf(expected)
                          .equals(
                              get(client, "web")
                                  .getMetadata()
                                  .getAnnotations()
                                  .get("deployment.kubernetes.io/revision")));
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(replicaSets(client, "web"))
                    .extracting(
                        rs ->
                            rs.getMetadata()
                                .getAnnotations()
                                .get("deployment.kubernetes.io/revision"))
                    .containsExactlyInAnyOrder("3", "4"));
  }

  @Test
  void theReplicaSetControllerReplacesADeletedPodAndDeletesSurplusNotReadyFirst() {
    client.resource(deployment("web", 3).build()).create();
    await().atMost(WAIT).until(() -> rolledOut(get(client, "web"), 3));
    Pod victim = pods(client, "web").getFirst();
    client.resource(victim).delete();
    await()
        .atMost(WAIT)
        .until(
            () ->
                pods(client, "web").size() == 3
                    && pods(client, "web").stream()
                        .noneMatch(
                            p -> p.getMetadata().getName().equals(victim.getMetadata().getName())));

    Pod notReady = pods(client, "web").get(1);
    cluster.kubelet.setReady("default/" + notReady.getMetadata().getName(), false);
    await().atMost(WAIT).until(() -> get(client, "web").getStatus().getReadyReplicas() == 2);
    Workloads.scale(client, "web", 2);
    await().atMost(WAIT).until(() -> pods(client, "web").size() == 2);
    assertThat(pods(client, "web"))
        .noneMatch(p -> p.getMetadata().getName().equals(notReady.getMetadata().getName()));
    ReplicaSet rs = replicaSets(client, "web").getFirst();
    await()
        .atMost(WAIT)
        .until(
            () ->
                events("ReplicaSet", rs.getMetadata().getName()).stream()
                    .anyMatch(
                        e ->
                            e.getMessage()
                                .equals("Deleted pod: " + notReady.getMetadata().getName())));
  }

  @Test
  void aTerminatingPodIsNotAReplicaAndIsReplacedAtOnce() {
    client.resource(deployment("web", 2).build()).create();
    await().atMost(WAIT).until(() -> rolledOut(get(client, "web"), 2));
    Pod held = pods(client, "web").getFirst();
    String name = held.getMetadata().getName();
    // A finalizer keeps the pod after DELETE, with a deletionTimestamp: a graceful deletion in
    // progress, as when the runtime is still stopping the process.
    Workloads.setFinalizers(client, name, List.of("test.canarymesh.io/hold"));
    client.pods().inNamespace("default").withName(name).delete();

    await()
        .atMost(WAIT)
        .until(
            () ->
                pods(client, "web").size() == 3
                    && rolledOut(get(client, "web"), 2)
                    && replicaSets(client, "web").getFirst().getStatus().getReplicas() == 2);
    assertThat(
            client
                .pods()
                .inNamespace("default")
                .withName(name)
                .get()
                .getMetadata()
                .getDeletionTimestamp())
        .isNotNull();

    Workloads.setFinalizers(client, name, List.of());
    await().atMost(WAIT).until(() -> pods(client, "web").size() == 2);
  }

  @Test
  void recreateWaitsForTerminatingOldPodsToBeGone() {
    client
        .resource(
            deployment("web", 2)
                .editSpec()
                .withNewStrategy()
                .withType("Recreate")
                .endStrategy()
                .endSpec()
                .build())
        .create();
    await().atMost(WAIT).until(() -> rolledOut(get(client, "web"), 2));
    String oldRs = replicaSets(client, "web").getFirst().getMetadata().getName();
    String held = pods(client, "web").getFirst().getMetadata().getName();
    // The old pod's process is still stopping: deleted, but kept by a finalizer.
    Workloads.setFinalizers(client, held, List.of("test.canarymesh.io/hold"));

    Workloads.setImage(client, "web", "registry.example/web:2");
    await()
        .atMost(WAIT)
        .until(
            () -> {
              Deployment d = get(client, "web");
              ReplicaSet old =
                  client.apps().replicaSets().inNamespace("default").withName(oldRs).get();
              Pod pod = client.pods().inNamespace("default").withName(held).get();
              return d.getStatus().getObservedGeneration().equals(d.getMetadata().getGeneration())
                  && old.getSpec().getReplicas() == 0
                  && old.getStatus().getReplicas() == 0
                  && pod.getMetadata().getDeletionTimestamp() != null;
            });
    assertThat(pods(client, "web"))
        .as("no new pod while an old one is terminating")
        .extracting(p -> p.getMetadata().getName())
        .containsExactly(held);

    Workloads.setFinalizers(client, held, List.of());
    await()
        .atMost(WAIT)
        .until(() -> rolledOut(get(client, "web"), 2) && pods(client, "web").size() == 2);
    assertThat(pods(client, "web"))
        .allSatisfy(p -> assertThat(p.getMetadata().getName()).doesNotStartWith(oldRs));
  }

  void setPaused(boolean paused) {
    Workloads.setPaused(client, "web", paused);
  }

  static DeploymentCondition condition(Deployment d, String type) {
    if (d.getStatus() == null || d.getStatus().getConditions() == null) {
      return null;
    }
    return d.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  static String progressingReason(Deployment d) {
    DeploymentCondition c = condition(d, "Progressing");
    return c == null ? "" : c.getReason();
  }

  List<Event> events(String kind, String name) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> kind.equals(e.getInvolvedObject().getKind()))
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }
}
