package io.canarymesh.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutStatusTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant CREATED = Instant.parse("2024-05-01T09:00:00Z");

  @Test
  void calculatesCountsAndAvailabilityMidRollout() {
    Deployment d = deployment(3, 2);
    ReplicaSetGroup group =
        ReplicaSetGroup.of(
            ReplicaSetSnapshot.of("micro-api-7dbb6c5d66", CREATED, 2, 1).withStatus(2, 1, 1),
            List.of(ReplicaSetSnapshot.of("micro-api-57c7cb5b74", CREATED, 2, 2)));

    DeploymentStatus status = RolloutStatus.calculate(d, group, T0);

    assertThat(status.getObservedGeneration()).isEqualTo(2L);
    assertThat(status.getReplicas()).isEqualTo(4);
    assertThat(status.getUpdatedReplicas()).isEqualTo(2);
    assertThat(status.getReadyReplicas()).isEqualTo(3);
    assertThat(status.getAvailableReplicas()).isEqualTo(3);
    assertThat(status.getUnavailableReplicas()).isEqualTo(1);
    assertThat(status.getConditions())
        .singleElement()
        .satisfies(
            c ->
                assertCondition(
                    c,
                    "Available",
                    "True",
                    "MinimumReplicasAvailable",
                    "Deployment has minimum availability."));
  }

  @Test
  void reportsMissingAvailabilityAndNeverNegativeUnavailable() {
    Deployment d = deployment(3, 1);

    DeploymentStatus fewAvailable =
        RolloutStatus.calculate(
            d, ReplicaSetGroup.of(ReplicaSetSnapshot.of("new", CREATED, 3, 1), List.of()), T0);
    DeploymentStatus scalingDown =
        RolloutStatus.calculate(
            d, ReplicaSetGroup.of(ReplicaSetSnapshot.of("new", CREATED, 3, 5), List.of()), T0);

    assertThat(fewAvailable.getConditions())
        .singleElement()
        .satisfies(
            c ->
                assertCondition(
                    c,
                    "Available",
                    "False",
                    "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability."));
    assertThat(fewAvailable.getUnavailableReplicas()).isEqualTo(2);
    assertThat(scalingDown.getUnavailableReplicas()).isZero();
  }

  @Test
  void syncReportsProgressThenSuccessWithKubernetesMessages() {
    Deployment d = deployment(3, 2);
    d.setStatus(status(3, 0, 3, 1));
    ReplicaSetGroup midRollout =
        ReplicaSetGroup.of(
            ReplicaSetSnapshot.of("micro-api-7dbb6c5d66", CREATED, 1, 0),
            List.of(ReplicaSetSnapshot.of("old", CREATED, 3, 3)));

    DeploymentStatus progressing = RolloutStatus.sync(d, midRollout, T0);

    assertThat(DeploymentConditions.get(progressing.getConditions(), "Progressing"))
        .hasValueSatisfying(
            c ->
                assertCondition(
                    c,
                    "Progressing",
                    "True",
                    "ReplicaSetUpdated",
                    "ReplicaSet \"micro-api-7dbb6c5d66\" is progressing."));

    d.setStatus(progressing);
    DeploymentStatus done =
        RolloutStatus.sync(
            d,
            ReplicaSetGroup.of(
                ReplicaSetSnapshot.of("micro-api-7dbb6c5d66", CREATED, 3, 3),
                List.of(ReplicaSetSnapshot.of("old", CREATED, 0, 0))),
            T0.plusSeconds(30));

    assertThat(DeploymentConditions.get(done.getConditions(), "Progressing"))
        .hasValueSatisfying(
            c ->
                assertCondition(
                    c,
                    "Progressing",
                    "True",
                    "NewReplicaSetAvailable",
                    "ReplicaSet \"micro-api-7dbb6c5d66\" has successfully progressed."));
  }

  @Test
  void progressRefreshesLastUpdateTimeButKeepsLastTransitionTime() {
    Deployment d = deployment(3, 2);
    DeploymentStatus before = status(4, 1, 3, 2);
    before.setConditions(
        List.of(
            DeploymentConditions.create(
                "Progressing",
                "True",
                "ReplicaSetUpdated",
                "ReplicaSet \"new\" is progressing.",
                T0)));
    d.setStatus(before);

    DeploymentStatus after =
        RolloutStatus.sync(
            d,
            ReplicaSetGroup.of(
                ReplicaSetSnapshot.of("new", CREATED, 2, 0),
                List.of(ReplicaSetSnapshot.of("old", CREATED, 2, 2))),
            T0.plusSeconds(7));

    DeploymentCondition progressing =
        DeploymentConditions.get(after.getConditions(), "Progressing").orElseThrow();
    assertThat(progressing.getLastUpdateTime()).isEqualTo("2024-05-01T10:00:07Z");
    assertThat(progressing.getLastTransitionTime()).isEqualTo("2024-05-01T10:00:00Z");
  }

  @Test
  void stalledRolloutTimesOutStrictlyAfterTheDeadline() {
    Deployment d = deployment(3, 2);
    d.getSpec().setProgressDeadlineSeconds(600);
    DeploymentStatus stalled = status(4, 1, 3, 3);
    stalled.setConditions(
        List.of(
            DeploymentConditions.create(
                "Progressing",
                "True",
                "ReplicaSetUpdated",
                "ReplicaSet \"new\" is progressing.",
                T0)));
    d.setStatus(stalled);
    ReplicaSetGroup same =
        ReplicaSetGroup.of(
            ReplicaSetSnapshot.of("new", CREATED, 1, 0),
            List.of(ReplicaSetSnapshot.of("old", CREATED, 3, 3)));

    DeploymentStatus atDeadline = RolloutStatus.sync(d, same, T0.plusSeconds(600));
    DeploymentStatus afterDeadline = RolloutStatus.sync(d, same, T0.plusSeconds(601));

    assertThat(
            DeploymentConditions.get(atDeadline.getConditions(), "Progressing")
                .orElseThrow()
                .getReason())
        .isEqualTo("ReplicaSetUpdated");
    assertThat(DeploymentConditions.get(afterDeadline.getConditions(), "Progressing"))
        .hasValueSatisfying(
            c ->
                assertCondition(
                    c,
                    "Progressing",
                    "False",
                    "ProgressDeadlineExceeded",
                    "ReplicaSet \"new\" has timed out progressing."));
    assertThat(RolloutStatus.requeueAfter(d, atDeadline, T0.plusSeconds(180)))
        .contains(Duration.ofSeconds(420));
    assertThat(RolloutStatus.requeueAfter(d, atDeadline, T0.plusMillis(599_500)))
        .contains(Duration.ZERO);
  }

  /** TestDeploymentComplete: replicas, updated, available, observed generation ≥ generation. */
  @ParameterizedTest
  @CsvSource({
    "5, 5, 5, 5, 1, true",
    "5, 5, 5, 4, 1, false",
    "5, 5, 4, 5, 1, false",
    "5, 6, 5, 5, 1, false",
    "5, 5, 5, 5, 0, false"
  })
  void deploymentComplete(
      int replicas,
      int statusReplicas,
      int updated,
      int available,
      long observed,
      boolean expected) {
    Deployment d = deployment(replicas, 1);
    DeploymentStatus s = status(statusReplicas, updated, available, available);
    s.setObservedGeneration(observed);

    assertThat(RolloutStatus.deploymentComplete(d, s)).isEqualTo(expected);
  }

  /** TestDeploymentProgressing: old (replicas, updated, ready, available) vs new. */
  @ParameterizedTest
  @CsvSource({
    "4, 1, 3, 3, 4, 2, 3, 3, true", // more updated
    "4, 1, 3, 3, 3, 1, 3, 3, true", // fewer old pods
    "4, 1, 3, 3, 4, 1, 4, 3, true", // more ready
    "4, 1, 3, 3, 4, 1, 3, 4, true", // more available
    "4, 1, 3, 3, 4, 1, 3, 3, false",
    "4, 2, 3, 3, 4, 1, 2, 2, false",
  })
  void deploymentProgressing(
      int r0, int u0, int ready0, int a0, int r1, int u1, int ready1, int a1, boolean expected) {
    Deployment d = deployment(3, 1);
    d.setStatus(status(r0, u0, a0, ready0));

    assertThat(RolloutStatus.deploymentProgressing(d, status(r1, u1, a1, ready1)))
        .isEqualTo(expected);
  }

  @Test
  void pauseAndResumeSetUnknownProgressing() {
    Deployment d = deployment(3, 2);
    d.getSpec().setPaused(true);

    DeploymentStatus paused = RolloutStatus.pausedConditions(d, T0).orElseThrow();
    assertThat(DeploymentConditions.get(paused.getConditions(), "Progressing"))
        .hasValueSatisfying(
            c ->
                assertCondition(
                    c, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused"));

    d.setStatus(paused);
    assertThat(RolloutStatus.pausedConditions(d, T0)).isEmpty();
    d.getSpec().setPaused(false);
    assertThat(
            RolloutStatus.pausedConditions(d, T0)
                .flatMap(s -> DeploymentConditions.get(s.getConditions(), "Progressing")))
        .hasValueSatisfying(
            c ->
                assertCondition(
                    c, "Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed"));
  }

  @Test
  void newReplicaSetConditions() {
    Deployment d = deployment(3, 2);

    assertThat(
            DeploymentConditions.get(
                RolloutStatus.newReplicaSetCreated(d, "micro-api-7dbb6c5d66", T0).getConditions(),
                "Progressing"))
        .hasValueSatisfying(
            c ->
                assertCondition(
                    c,
                    "Progressing",
                    "True",
                    "NewReplicaSetCreated",
                    "Created new replica set \"micro-api-7dbb6c5d66\""));
    assertThat(
            RolloutStatus.foundNewReplicaSet(d, "micro-api-7dbb6c5d66", T0)
                .flatMap(s -> DeploymentConditions.get(s.getConditions(), "Progressing")))
        .hasValueSatisfying(
            c ->
                assertCondition(
                    c,
                    "Progressing",
                    "True",
                    "FoundNewReplicaSet",
                    "Found new replica set \"micro-api-7dbb6c5d66\""));
  }

  @Test
  void setKeepsAConditionWithTheSameStatusAndReason() {
    List<DeploymentCondition> conditions =
        List.of(
            DeploymentConditions.create(
                "Available", "True", "MinimumReplicasAvailable", "old message", T0));

    List<DeploymentCondition> same =
        DeploymentConditions.set(
            conditions,
            DeploymentConditions.create(
                "Available", "True", "MinimumReplicasAvailable", "new", T0.plusSeconds(5)));
    List<DeploymentCondition> flipped =
        DeploymentConditions.set(
            conditions,
            DeploymentConditions.create(
                "Available", "False", "MinimumReplicasUnavailable", "m", T0.plusSeconds(5)));

    assertThat(same)
        .singleElement()
        .satisfies(c -> assertThat(c.getMessage()).isEqualTo("old message"));
    assertThat(flipped)
        .singleElement()
        .satisfies(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2024-05-01T10:00:05Z"));
  }

  static void assertCondition(
      DeploymentCondition c, String type, String status, String reason, String message) {
    assertThat(c.getType()).isEqualTo(type);
    assertThat(c.getStatus()).isEqualTo(status);
    assertThat(c.getReason()).isEqualTo(reason);
    assertThat(c.getMessage()).isEqualTo(message);
  }

  private static Deployment deployment(int replicas, long generation) {
    Deployment d = FencepostsTest.deployment("RollingUpdate", replicas, "1", "1");
    d.getMetadata().setGeneration(generation);
    d.getSpec().setProgressDeadlineSeconds(600);
    return d;
  }

  private static DeploymentStatus status(int replicas, int updated, int available, int ready) {
    DeploymentStatus s = new DeploymentStatus();
    s.setReplicas(replicas);
    s.setUpdatedReplicas(updated);
    s.setAvailableReplicas(available);
    s.setReadyReplicas(ready);
    s.setObservedGeneration(1L);
    return s;
  }
}
