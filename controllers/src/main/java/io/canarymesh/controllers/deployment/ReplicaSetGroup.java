package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's ReplicaSets split as the controller sees them: the new one (whose template is the
 * Deployment's), if it exists yet, and all the old ones.
 */
public record ReplicaSetGroup(Optional<ReplicaSetSnapshot> newRS, List<ReplicaSetSnapshot> oldRSs) {

  public ReplicaSetGroup {
    requireNonNull(newRS, "newRS");
    oldRSs = List.copyOf(requireNonNull(oldRSs, "oldRSs"));
  }

  public static ReplicaSetGroup of(ReplicaSetSnapshot newRS, List<ReplicaSetSnapshot> oldRSs) {
    return new ReplicaSetGroup(Optional.of(newRS), oldRSs);
  }

  public static ReplicaSetGroup withoutNew(List<ReplicaSetSnapshot> oldRSs) {
    return new ReplicaSetGroup(Optional.empty(), oldRSs);
  }

  /** Old ones first, then the new one: the order of Go's {@code append(oldRSs, newRS)}. */
  public List<ReplicaSetSnapshot> all() {
    List<ReplicaSetSnapshot> all = new ArrayList<>(oldRSs);
    newRS.ifPresent(all::add);
    return List.copyOf(all);
  }

  /** Old ReplicaSets with replicas. */
  public List<ReplicaSetSnapshot> activeOld() {
    return oldRSs.stream().filter(ReplicaSetSnapshot::isActive).toList();
  }

  /** Sum of {@code spec.replicas} ({@code GetReplicaCountForReplicaSets}). */
  public static int specReplicas(List<ReplicaSetSnapshot> replicaSets) {
    return replicaSets.stream().mapToInt(ReplicaSetSnapshot::specReplicas).sum();
  }

  /** Sum of {@code status.availableReplicas}. */
  public static int availableReplicas(List<ReplicaSetSnapshot> replicaSets) {
    return replicaSets.stream().mapToInt(ReplicaSetSnapshot::availableReplicas).sum();
  }
}
