package io.canarymesh.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kubernetes' TestScale table (sync_test.go). */
class ProportionalScalingTest {
  private static final Instant OLDER = Instant.parse("2016-05-20T00:00:00Z");
  private static final Instant OLD = Instant.parse("2016-05-20T01:00:00Z");
  private static final Instant NEW = Instant.parse("2016-05-20T02:00:00Z");
  private static final Instant[] TIMES = {NEW, OLD, OLDER};

  /**
   * {@code sizes}: new (or "-" for none), then old ReplicaSets newest first; every ReplicaSet is
   * annotated with the old Deployment's replicas and replicas + maxSurge.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "normal scaling event: 10 -> 12 | 10 | 0 | 12 | 0 | 10 | 12",
        "normal scaling event: 10 -> 5 | 10 | 0 | 5 | 0 | 10 | 5",
        "proportional scaling: 5 -> 10 | 5 | 0 | 10 | 0 | 2 3 | 4 6",
        "proportional scaling: 5 -> 3 | 5 | 0 | 3 | 0 | 2 3 | 1 2",
        "proportional scaling: 9 -> 4 | 9 | 0 | 4 | 0 | 8 1 | 4 0",
        "proportional scaling: 7 -> 10 | 7 | 0 | 10 | 0 | 2 3 2 | 3 4 3",
        "proportional scaling: 13 -> 8 | 13 | 0 | 8 | 0 | 2 8 3 | 1 5 2",
        "leftover distribution: 3 -> 4 | 3 | 0 | 4 | 0 | 1 1 1 | 2 1 1",
        "leftover distribution: 3 -> 2 | 3 | 0 | 2 | 0 | 1 1 1 | 1 1 0",
        "proportional scaling (no new rs): 4 -> 5 | 4 | 0 | 5 | 0 | - 2 2 | - 3 2",
        "proportional scaling: 6 -> 0 | 6 | 0 | 0 | 0 | 3 2 1 | 0 0 0",
        "proportional scaling: 0 -> 6 | 6 | 0 | 6 | 0 | 0 0 0 | 6 0 0",
        "deployment with surge pods | 10 | 2 | 20 | 2 | 6 6 | 11 11",
        "change both surge and size | 10 | 3 | 50 | 6 | 5 8 | 22 34",
        "change both size and template | 10 | 0 | 14 | 0 | - 7 3 | - 10 4",
      })
  void scale(
      String name,
      int oldReplicas,
      int oldSurge,
      int replicas,
      int surge,
      String sizes,
      String expected) {
    RolloutParams oldParams =
        RolloutParams.rolling(oldReplicas, new IntOrString(oldSurge), new IntOrString(0));
    RolloutParams params =
        RolloutParams.rolling(replicas, new IntOrString(surge), new IntOrString(0));
    ReplicaSetGroup group = group(sizes.split(" "), oldParams);

    Map<String, Integer> result = apply(group, ProportionalScaling.scale(params, 0, group));

    assertThat(String.join(" ", render(group, result))).isEqualTo(expected);
  }

  @Test
  void saturatedButBrokenNewReplicaSetLeavesOldPodsAlone() {
    RolloutParams params = RolloutParams.rolling(2, new IntOrString(1), new IntOrString(1));
    ReplicaSetSnapshot newRS =
        ReplicaSetSnapshot.of("foo-v2", NEW, 2, 0).withReplicasAnnotations(2, 3);
    ReplicaSetSnapshot oldRS =
        ReplicaSetSnapshot.of("foo-v1", OLD, 1, 1).withReplicasAnnotations(2, 3);

    assertThat(ProportionalScaling.scale(params, 3, ReplicaSetGroup.of(newRS, List.of(oldRS))))
        .isEmpty();
  }

  @Test
  void saturatedNewReplicaSetRetiresTheOldOnes() {
    RolloutParams params = RolloutParams.rolling(2, new IntOrString(1), new IntOrString(1));
    ReplicaSetSnapshot newRS =
        ReplicaSetSnapshot.of("foo-v2", NEW, 2, 2).withReplicasAnnotations(2, 3);
    ReplicaSetSnapshot oldRS =
        ReplicaSetSnapshot.of("foo-v1", OLD, 1, 1).withReplicasAnnotations(2, 3);

    assertThat(ProportionalScaling.isSaturated(params, newRS)).isTrue();
    assertThat(ProportionalScaling.scale(params, 3, ReplicaSetGroup.of(newRS, List.of(oldRS))))
        .containsExactly(new Scaling("foo-v1", 1, 0));
  }

  @Test
  void staleAnnotationsAreRefreshedWithoutAnEvent() {
    RolloutParams params = RolloutParams.rolling(5, new IntOrString(1), new IntOrString(0));
    ReplicaSetSnapshot newRS =
        ReplicaSetSnapshot.of("foo-v2", NEW, 3, 0).withReplicasAnnotations(4, 5);
    ReplicaSetSnapshot oldRS =
        ReplicaSetSnapshot.of("foo-v1", OLD, 3, 3).withReplicasAnnotations(5, 6);

    assertThat(ProportionalScaling.scale(params, 6, ReplicaSetGroup.of(newRS, List.of(oldRS))))
        .containsExactly(new Scaling("foo-v2", 3, 3));
  }

  /** GetProportion: the fair share, capped by what is left to hand out. */
  @ParameterizedTest
  @CsvSource({
    "5, 13, 20, 3, 10, 0, 4", // round(5·23/13) − 5 = 4
    "5, 13, 20, 3, 10, 8, 2", // capped at 10 − 8
    "8, 13, 20, 3, 10, 0, 6",
    "8, 13, 8, 0, -5, 0, -3", // round(8·8/13) − 8 = −3
    "8, 13, 8, 0, -5, -4, -1", // capped at −5 − −4
    "0, 13, 20, 3, 10, 0, 0", // never from zero
    "4, 9, 0, 0, -9, 0, -4", // to zero: the whole ReplicaSet
  })
  void getProportion(
      int rsReplicas,
      int annotatedMax,
      int replicas,
      int surge,
      int toAdd,
      int added,
      int expected) {
    ReplicaSetSnapshot rs =
        new ReplicaSetSnapshot(
            "rs",
            OLD,
            rsReplicas,
            rsReplicas,
            0,
            0,
            OptionalInt.of(0),
            OptionalInt.of(annotatedMax));
    RolloutParams params =
        RolloutParams.rolling(replicas, new IntOrString(surge), new IntOrString(0));

    assertThat(ProportionalScaling.getProportion(rs, params, 0, toAdd, added)).isEqualTo(expected);
  }

  @Test
  void withoutTheAnnotationTheDeploymentsStatusReplicasStandIn() {
    ReplicaSetSnapshot rs = ReplicaSetSnapshot.of("rs", OLD, 5, 5);
    RolloutParams params = RolloutParams.rolling(20, new IntOrString(3), new IntOrString(0));

    assertThat(ProportionalScaling.getReplicaSetFraction(rs, params, 13)).isEqualTo(4);
    assertThat(ProportionalScaling.getReplicaSetFraction(rs, params, 0)).isZero();
  }

  private static ReplicaSetGroup group(String[] sizes, RolloutParams oldParams) {
    List<ReplicaSetSnapshot> old = new ArrayList<>();
    for (int i = 1; i < sizes.length; i++) {
      old.add(
          snapshot("foo-v" + (sizes.length - i), TIMES[i], Integer.parseInt(sizes[i]), oldParams));
    }
    if (sizes[0].equals("-")) {
      return ReplicaSetGroup.withoutNew(old);
    }
    return ReplicaSetGroup.of(
        snapshot("foo-v" + sizes.length, NEW, Integer.parseInt(sizes[0]), oldParams), old);
  }

  private static ReplicaSetSnapshot snapshot(
      String name, Instant created, int replicas, RolloutParams oldParams) {
    return ReplicaSetSnapshot.of(name, created, replicas, 0)
        .withReplicasAnnotations(oldParams.replicas(), oldParams.maxTotalPods());
  }

  private static Map<String, Integer> apply(ReplicaSetGroup group, List<Scaling> scalings) {
    Map<String, Integer> sizes = new HashMap<>();
    group.all().forEach(rs -> sizes.put(rs.name(), rs.specReplicas()));
    scalings.forEach(s -> sizes.put(s.replicaSet(), s.to()));
    return sizes;
  }

  private static List<String> render(ReplicaSetGroup group, Map<String, Integer> sizes) {
    List<String> out = new ArrayList<>();
    out.add(group.newRS().map(rs -> sizes.get(rs.name()).toString()).orElse("-"));
    group.oldRSs().forEach(rs -> out.add(sizes.get(rs.name()).toString()));
    return out;
  }
}
