package io.canarymesh.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tables of Kubernetes' rolling_test.go and TestNewRSNewReplicas. */
class RollingUpdateTest {
  private static final Instant OLDER = Instant.parse("2016-05-20T00:00:00Z");
  private static final Instant OLD = Instant.parse("2016-05-20T01:00:00Z");
  private static final Instant NEW = Instant.parse("2016-05-20T02:00:00Z");

  /** -1: no scaling expected. */
  @ParameterizedTest
  @CsvSource({
    "10, 0, 10, 0, -1",
    "10, 2, 10, 0, 2",
    "10, 2, 5, 0, 7",
    "10, 2, 10, 2, -1",
    "10, 2, 2, 11, 10"
  })
  void reconcileNewReplicaSet(
      int replicas, int surge, int oldReplicas, int newReplicas, int expected) {
    RolloutParams params =
        RolloutParams.rolling(replicas, new IntOrString(surge), new IntOrString(0));
    ReplicaSetSnapshot newRS = ReplicaSetSnapshot.of("foo-new", NEW, newReplicas, 0);
    ReplicaSetSnapshot oldRS = ReplicaSetSnapshot.of("foo-old", OLD, oldReplicas, 0);

    var scaling = RollingUpdate.reconcileNewReplicaSet(params, List.of(newRS, oldRS), newRS);

    if (expected < 0) {
      assertThat(scaling).isEmpty();
    } else {
      assertThat(scaling).contains(new Scaling("foo-new", newReplicas, expected));
    }
  }

  /** Kubernetes' cases, with the old ReplicaSet's final size; -1: no scaling. */
  @ParameterizedTest
  @CsvSource({
    "10, 0, 10, 0, 10, 0, 9",
    "10, 2, 10, 0, 10, 0, 8",
    "10, 2, 10, 0, 8, 0, 8", // the 2 unhealthy old pods are cleaned up
    "10, 2, 10, 0, 9, 0, 8", // 1 unhealthy cleaned up, 1 ready scaled down
    "10, 2, 8, 2, 8, 0, -1", // the new ReplicaSet's unavailable pods block further scale-down
  })
  void reconcileOldReplicaSets(
      int replicas,
      int unavailable,
      int oldReplicas,
      int newReplicas,
      int oldReady,
      int newReady,
      int expectedOld) {
    RolloutParams params =
        RolloutParams.rolling(replicas, new IntOrString(0), new IntOrString(unavailable));
    ReplicaSetSnapshot newRS = ReplicaSetSnapshot.of("foo-new", NEW, newReplicas, newReady);
    ReplicaSetSnapshot oldRS = ReplicaSetSnapshot.of("foo-old", OLD, oldReplicas, oldReady);

    List<Scaling> scalings =
        RollingUpdate.reconcileOldReplicaSets(params, List.of(oldRS, newRS), List.of(oldRS), newRS);

    if (expectedOld < 0) {
      assertThat(scalings).isEmpty();
    } else {
      assertThat(scalings).isNotEmpty().last().extracting(Scaling::to).isEqualTo(expectedOld);
    }
  }

  @Test
  void cleanupComesBeforeScaleDownAndBothAreReported() {
    RolloutParams params = RolloutParams.rolling(10, new IntOrString(0), new IntOrString(2));
    ReplicaSetSnapshot newRS = ReplicaSetSnapshot.of("foo-new", NEW, 0, 0);
    ReplicaSetSnapshot oldRS = ReplicaSetSnapshot.of("foo-old", OLD, 10, 9);

    assertThat(
            RollingUpdate.reconcileOldReplicaSets(
                params, List.of(oldRS, newRS), List.of(oldRS), newRS))
        .containsExactly(new Scaling("foo-old", 10, 9), new Scaling("foo-old", 9, 8));
  }

  @ParameterizedTest
  @CsvSource({"10, 8, 1, 1", "10, 8, 3, 2", "10, 8, 0, 0", "10, 10, 3, 0"})
  void cleanupUnhealthyReplicas(int oldReplicas, int ready, int maxCleanup, int expectedCleaned) {
    List<ReplicaSetSnapshot> old =
        new ArrayList<>(List.of(ReplicaSetSnapshot.of("foo-v2", OLD, oldReplicas, ready)));

    RollingUpdate.Cleanup cleanup = RollingUpdate.cleanupUnhealthyReplicas(old, maxCleanup);

    int cleaned = cleanup.scalings().stream().mapToInt(s -> s.from() - s.to()).sum();
    assertThat(cleaned).isEqualTo(expectedCleaned);
    assertThat(old.getFirst().specReplicas()).isEqualTo(oldReplicas - expectedCleaned);
  }

  @Test
  void cleanupStopsAtAReplicaSetReportingMoreAvailableThanAsked() {
    List<ReplicaSetSnapshot> old =
        new ArrayList<>(
            List.of(
                ReplicaSetSnapshot.of("older", OLDER, 4, 2),
                ReplicaSetSnapshot.of("old", OLD, 2, 2).withStatus(3, 3, 3),
                ReplicaSetSnapshot.of("old-2", NEW, 3, 1)));

    RollingUpdate.Cleanup cleanup = RollingUpdate.cleanupUnhealthyReplicas(old, 10);

    assertThat(cleanup.aborted()).isTrue();
    assertThat(cleanup.scalings()).containsExactly(new Scaling("older", 4, 2));
  }

  @ParameterizedTest
  @CsvSource({
    "10, 0, 10, 10, 9",
    "10, 2, 10, 10, 8",
    "10, 2, 8, 10, -1",
    "10, 2, 10, 0, -1",
    "10, 2, 1, 10, -1"
  })
  void scaleDownOldReplicaSetsForRollingUpdate(
      int replicas, int unavailable, int ready, int oldReplicas, int expected) {
    RolloutParams params =
        RolloutParams.rolling(replicas, new IntOrString(0), new IntOrString(unavailable));
    ReplicaSetSnapshot oldRS = ReplicaSetSnapshot.of("foo-v2", OLD, oldReplicas, ready);

    List<Scaling> scalings =
        RollingUpdate.scaleDownOldReplicaSetsForRollingUpdate(
            params, List.of(oldRS), List.of(oldRS));

    if (expected < 0) {
      assertThat(scalings).isEmpty();
    } else {
      assertThat(scalings).containsExactly(new Scaling("foo-v2", oldReplicas, expected));
    }
  }

  @Test
  void scaleDownTakesTheOldestReplicaSetsFirst() {
    RolloutParams params = RolloutParams.rolling(6, new IntOrString(0), new IntOrString(3));
    ReplicaSetSnapshot older = ReplicaSetSnapshot.of("foo-v1", OLDER, 2, 2);
    ReplicaSetSnapshot old = ReplicaSetSnapshot.of("foo-v2", OLD, 4, 4);

    assertThat(
            RollingUpdate.scaleDownOldReplicaSetsForRollingUpdate(
                params, List.of(old, older), List.of(old, older)))
        .containsExactly(new Scaling("foo-v1", 2, 0), new Scaling("foo-v2", 4, 3));
  }

  /** TestNewRSNewReplicas, plus the surge cap. */
  @ParameterizedTest
  @CsvSource({
    "RollingUpdate, 1, 5, 1, 5, 5", // cannot scale up: 10 pods ≥ 1 + 1
    "RollingUpdate, 6, 2, 10, 5, 6", // up to replicas, not beyond
    "Recreate, 3, 1, 1, 1, 3",
    "RollingUpdate, 10, 2, 3, 9, 4", // 11 pods, room for 13 − 11 = 2
  })
  void newRSNewReplicas(
      String type, int replicas, int newReplicas, int surge, int oldReplicas, int expected) {
    RolloutParams params =
        type.equals("Recreate")
            ? RolloutParams.recreate(replicas)
            : RolloutParams.rolling(replicas, new IntOrString(surge), new IntOrString(0));
    ReplicaSetSnapshot newRS = ReplicaSetSnapshot.of("foo-new", NEW, newReplicas, 0);
    ReplicaSetSnapshot oldRS = ReplicaSetSnapshot.of("foo-old", OLD, oldReplicas, 0);

    assertThat(RollingUpdate.newRSNewReplicas(params, List.of(oldRS, newRS), newRS))
        .isEqualTo(expected);
  }

  @Test
  void stepScalesUpFirstAndOnlyThenDown() {
    RolloutParams params = RolloutParams.rolling(3, new IntOrString(1), new IntOrString(1));
    ReplicaSetSnapshot old = ReplicaSetSnapshot.of("old", OLD, 3, 3);

    assertThat(
            RollingUpdate.step(
                params, ReplicaSetGroup.of(ReplicaSetSnapshot.of("new", NEW, 0, 0), List.of(old))))
        .containsExactly(new Scaling("new", 0, 1));
    assertThat(
            RollingUpdate.step(
                params, ReplicaSetGroup.of(ReplicaSetSnapshot.of("new", NEW, 1, 0), List.of(old))))
        .containsExactly(new Scaling("old", 3, 2));
  }

  @Test
  void recreateEmptiesOldReplicaSetsThenWaitsForTheirPodsThenFillsTheNewOne() {
    RolloutParams params = RolloutParams.recreate(3);
    ReplicaSetSnapshot newRS = ReplicaSetSnapshot.of("new", NEW, 0, 0);

    assertThat(
            Recreate.step(
                params,
                ReplicaSetGroup.of(newRS, List.of(ReplicaSetSnapshot.of("old", OLD, 3, 3))),
                true))
        .containsExactly(new Scaling("old", 3, 0));
    assertThat(
            Recreate.step(
                params,
                ReplicaSetGroup.of(newRS, List.of(ReplicaSetSnapshot.of("old", OLD, 0, 0))),
                true))
        .isEmpty();
    assertThat(
            Recreate.step(
                params,
                ReplicaSetGroup.of(newRS, List.of(ReplicaSetSnapshot.of("old", OLD, 0, 0))),
                false))
        .containsExactly(new Scaling("new", 0, 3));
  }

  @Test
  void scalingMessagesAreTheArticles() {
    assertThat(new Scaling("micro-api-677dd4d5b6", 0, 1).message())
        .isEqualTo("Scaled up replica set micro-api-677dd4d5b6 to 1");
    assertThat(new Scaling("micro-api-57c7cb5b74", 3, 2).message())
        .isEqualTo("Scaled down replica set micro-api-57c7cb5b74 to 2");
    assertThat(new Scaling("x", 2, 2).changesSize()).isFalse();
  }
}
