package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of a Deployment's ReplicaSets is the new one and which are old ({@code FindNewReplicaSet},
 * {@code FindOldReplicaSets}). The list is the ReplicaSets the Deployment controls.
 */
public final class ReplicaSetSelection {
  /** Oldest first, then by name ({@code ReplicaSetsByCreationTimestamp}). */
  static final Comparator<ReplicaSet> BY_CREATION =
      Comparator.comparing((ReplicaSet rs) -> created(rs))
          .thenComparing(rs -> rs.getMetadata().getName());

  private ReplicaSetSelection() {}

  /**
   * The oldest ReplicaSet whose template equals the Deployment's, ignoring {@code
   * pod-template-hash}. Oldest, because after a cluster upgrade changes hashing two may match
   * (kubernetes#40415) and the choice must be stable. After {@code rollout undo} to revision 1,
   * revision 1's ReplicaSet is new again.
   */
  public static Optional<ReplicaSet> findNewReplicaSet(
      Deployment deployment, List<ReplicaSet> replicaSets) {
    requireNonNull(deployment, "deployment");
    CanonicalTemplate wanted = CanonicalTemplate.of(deployment.getSpec().getTemplate());
    return replicaSets.stream()
        .sorted(BY_CREATION)
        .filter(rs -> rs.getSpec() != null && rs.getSpec().getTemplate() != null)
        .filter(rs -> CanonicalTemplate.of(rs.getSpec().getTemplate()).equals(wanted))
        .findFirst();
  }

  /**
   * All ReplicaSets but the new one, in the given order, and those of them that still have
   * replicas. Compared by uid, or by name when there is none.
   */
  public static OldReplicaSets findOldReplicaSets(
      Deployment deployment, List<ReplicaSet> replicaSets) {
    Optional<ReplicaSet> newRS = findNewReplicaSet(deployment, replicaSets);
    List<ReplicaSet> all = new ArrayList<>();
    List<ReplicaSet> withReplicas = new ArrayList<>();
    for (ReplicaSet rs : replicaSets) {
      if (newRS.isPresent() && sameObject(rs, newRS.get())) {
        continue;
      }
      all.add(rs);
      Integer replicas = rs.getSpec() == null ? null : rs.getSpec().getReplicas();
      if (replicas == null || replicas != 0) {
        withReplicas.add(rs);
      }
    }
    return new OldReplicaSets(withReplicas, all);
  }

  /**
   * @param withReplicas old ReplicaSets whose {@code spec.replicas} is not 0
   * @param all every old ReplicaSet, the history {@code rollout undo} can go back to
   */
  public record OldReplicaSets(List<ReplicaSet> withReplicas, List<ReplicaSet> all) {
    public OldReplicaSets {
      withReplicas = List.copyOf(withReplicas);
      all = List.copyOf(all);
    }
  }

  /** The Deployment's ReplicaSets as the rollout arithmetic reads them. */
  public static ReplicaSetGroup group(Deployment deployment, List<ReplicaSet> replicaSets) {
    Optional<ReplicaSet> newRS = findNewReplicaSet(deployment, replicaSets);
    List<ReplicaSetSnapshot> old =
        findOldReplicaSets(deployment, replicaSets).all().stream()
            .map(ReplicaSetSnapshot::of)
            .toList();
    return new ReplicaSetGroup(newRS.map(ReplicaSetSnapshot::of), old);
  }

  private static boolean sameObject(ReplicaSet a, ReplicaSet b) {
    String uidA = a.getMetadata().getUid();
    String uidB = b.getMetadata().getUid();
    if (uidA != null || uidB != null) {
      return Objects.equals(uidA, uidB);
    }
    return Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
  }

  private static Instant created(ReplicaSet rs) {
    return Rfc3339.parseOrEpoch(rs.getMetadata().getCreationTimestamp());
  }
}
