package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One pass of a Recreate rollout ({@code rolloutRecreate}): first every old ReplicaSet to 0, then,
 * once no old pod runs any more, the new ReplicaSet straight to replicas. 3 replicas: old 3 → 0;
 * wait for the old pods to stop; new 0 → 3.
 */
public final class Recreate {
  private Recreate() {}

  /**
   * @param oldPodsRunning whether any pod of an old ReplicaSet still runs (Kubernetes' {@code
   *     oldPodsRunning}: not Failed or Succeeded, or still counted by the old status)
   */
  public static List<Scaling> step(
      RolloutParams params, ReplicaSetGroup group, boolean oldPodsRunning) {
    requireNonNull(params, "params");
    List<Scaling> scaleDowns =
        group.activeOld().stream()
            .map(old -> new Scaling(old.name(), old.specReplicas(), 0))
            .toList();
    if (!scaleDowns.isEmpty() || oldPodsRunning) {
      return scaleDowns;
    }
    ReplicaSetSnapshot newRS =
        group.newRS().orElseThrow(() -> new IllegalArgumentException("no new ReplicaSet"));
    return RollingUpdate.scaleTo(newRS, params.replicas()).stream().toList();
  }
}
