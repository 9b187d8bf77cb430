package io.canarymesh.controllers.deployment;

import static io.canarymesh.controllers.deployment.ReplicaSetGroup.availableReplicas;
import static io.canarymesh.controllers.deployment.ReplicaSetGroup.specReplicas;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One pass of a RollingUpdate ({@code rolloutRolling}): scale the new ReplicaSet up if the surge
 * allows, otherwise scale old ReplicaSets down as far as availability allows. Each pass takes one
 * small step; the controller runs again when pods become available.
 *
 * <p>The article's micro-api (3 replicas, maxSurge 1, maxUnavailable 1, so at most 4 pods and at
 * least 2 available), when each pass runs before the new pods become available:
 *
 * <pre>
 * old 3, new 0  → new to 1 (4 − 3 = 1 pod of surge)
 * old 3, new 1  → old to 2 (4 pods − 2 min available − 1 new unavailable = 1)
 * old 2, new 1  → new to 2
 * old 2, new 2  → nothing until the new pods are available; then old to 0 (4 available − 2)
 * old 0, new 2  → new to 3
 * </pre>
 */
public final class RollingUpdate {
  private RollingUpdate() {}

  /**
   * The scalings of one pass, in order: the new ReplicaSet's scaling alone if it changes size, else
   * the old ReplicaSets' scale-downs (possibly none).
   */
  public static List<Scaling> step(RolloutParams params, ReplicaSetGroup group) {
    requireNonNull(params, "params");
    ReplicaSetSnapshot newRS =
        group.newRS().orElseThrow(() -> new IllegalArgumentException("no new ReplicaSet"));
    Optional<Scaling> scaleUp = reconcileNewReplicaSet(params, group.all(), newRS);
    if (scaleUp.isPresent()) {
      return List.of(scaleUp.get());
    }
    return reconcileOldReplicaSets(params, group.all(), group.activeOld(), newRS);
  }

  /**
   * The new ReplicaSet's target size ({@code NewRSNewReplicas}). RollingUpdate: grow within
   * replicas + maxSurge, never beyond replicas. With 10 replicas, surge 3 and 11 pods across all
   * ReplicaSets, of which 2 new: room is 13 − 11 = 2, so the new ReplicaSet goes to 4. Recreate:
   * straight to replicas.
   */
  public static int newRSNewReplicas(
      RolloutParams params, List<ReplicaSetSnapshot> allRSs, ReplicaSetSnapshot newRS) {
    if (params.strategy() == Strategy.RECREATE) {
      return params.replicas();
    }
    int currentPodCount = specReplicas(allRSs);
    int maxTotalPods = params.maxTotalPods();
    if (currentPodCount >= maxTotalPods) {
      return newRS.specReplicas();
    }
    int scaleUpCount =
        Math.min(maxTotalPods - currentPodCount, params.replicas() - newRS.specReplicas());
    return newRS.specReplicas() + scaleUpCount;
  }

  /**
   * {@code reconcileNewReplicaSet}: shrink a new ReplicaSet larger than replicas straight to
   * replicas (the Deployment was scaled down), else grow it by {@link #newRSNewReplicas}.
   */
  public static Optional<Scaling> reconcileNewReplicaSet(
      RolloutParams params, List<ReplicaSetSnapshot> allRSs, ReplicaSetSnapshot newRS) {
    int target;
    if (newRS.specReplicas() == params.replicas()) {
      return Optional.empty();
    } else if (newRS.specReplicas() > params.replicas()) {
      target = params.replicas();
    } else {
      target = newRSNewReplicas(params, allRSs, newRS);
    }
    return scaleTo(newRS, target);
  }

  /**
   * {@code reconcileOldReplicaSets}: how far old ReplicaSets may shrink without dropping below
   * minAvailable, counting the new ReplicaSet's not-yet-available pods as already missing:
   *
   * <pre>
   * maxScaledDown = allPods − minAvailable − newUnavailable
   * </pre>
   *
   * Kubernetes' example, 10 replicas, maxUnavailable 2, maxSurge 3: old 8 and new 5 crash-looping
   * pods give 13 − 8 − 5 = 0, so nothing shrinks. After {@code rollout undo} the old ReplicaSet is
   * new again with 1 unavailable pod: 13 − 8 − 1 = 4 of the crash-looping pods may go.
   *
   * <p>Unhealthy old pods go first ({@link #cleanupUnhealthyReplicas}): removing them costs no
   * availability and they would otherwise block the rollout. Then {@link
   * #scaleDownOldReplicaSetsForRollingUpdate}.
   */
  public static List<Scaling> reconcileOldReplicaSets(
      RolloutParams params,
      List<ReplicaSetSnapshot> allRSs,
      List<ReplicaSetSnapshot> oldRSs,
      ReplicaSetSnapshot newRS) {
    if (specReplicas(oldRSs) == 0) {
      return List.of();
    }
    int newRSUnavailable = newRS.specReplicas() - newRS.availableReplicas();
    int maxScaledDown = specReplicas(allRSs) - params.minAvailable() - newRSUnavailable;
    if (maxScaledDown <= 0) {
      return List.of();
    }
    List<ReplicaSetSnapshot> cleaned = new ArrayList<>(oldRSs);
    Cleanup cleanup = cleanupUnhealthyReplicas(cleaned, maxScaledDown);
    if (cleanup.aborted()) {
      return cleanup.scalings();
    }
    List<ReplicaSetSnapshot> all = new ArrayList<>(cleaned);
    all.add(newRS);
    List<Scaling> scalings = new ArrayList<>(cleanup.scalings());
    scalings.addAll(scaleDownOldReplicaSetsForRollingUpdate(params, all, cleaned));
    return List.copyOf(scalings);
  }

  /**
   * The cleanup's scalings; {@code aborted} when it met an old ReplicaSet reporting more available
   * pods than it is asked for (its status lags a scale-down), where Kubernetes refuses the "scale
   * down" to a larger size and ends the pass after the scalings already made.
   */
  record Cleanup(List<Scaling> scalings, boolean aborted) {}

  /**
   * Shrinks old ReplicaSets, oldest first, by their unavailable pods, at most {@code
   * maxCleanupCount} in total. Old 5 with 3 available, old 2 with 2 available, max 4: the first
   * loses its 2 unavailable, the second is healthy. Replaces each cleaned entry of {@code oldRSs}
   * (sorted oldest first) with its scaled copy, as Kubernetes updates its slice.
   */
  static Cleanup cleanupUnhealthyReplicas(List<ReplicaSetSnapshot> oldRSs, int maxCleanupCount) {
    oldRSs.sort(ReplicaSetSnapshot.BY_CREATION);
    List<Scaling> scalings = new ArrayList<>();
    int totalScaledDown = 0;
    for (int i = 0; i < oldRSs.size() && totalScaledDown < maxCleanupCount; i++) {
      ReplicaSetSnapshot target = oldRSs.get(i);
      int unhealthy = target.specReplicas() - target.availableReplicas();
      if (target.specReplicas() == 0 || unhealthy == 0) {
        continue;
      }
      if (unhealthy < 0) {
        return new Cleanup(List.copyOf(scalings), true);
      }
      int scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, unhealthy);
      int newReplicas = target.specReplicas() - scaledDownCount;
      scalings.add(new Scaling(target.name(), target.specReplicas(), newReplicas));
      oldRSs.set(i, target.withSpecReplicas(newReplicas));
      totalScaledDown += scaledDownCount;
    }
    return new Cleanup(List.copyOf(scalings), false);
  }

  /**
   * Shrinks old ReplicaSets, oldest first, by as many pods as are available beyond minAvailable: 3
   * replicas, maxUnavailable 1 and 4 available pods (3 old, 1 new) → 2 old pods may go.
   */
  static List<Scaling> scaleDownOldReplicaSetsForRollingUpdate(
      RolloutParams params, List<ReplicaSetSnapshot> allRSs, List<ReplicaSetSnapshot> oldRSs) {
    int minAvailable = params.minAvailable();
    int availablePodCount = availableReplicas(allRSs);
    if (availablePodCount <= minAvailable) {
      return List.of();
    }
    List<ReplicaSetSnapshot> sorted = new ArrayList<>(oldRSs);
    sorted.sort(ReplicaSetSnapshot.BY_CREATION);
    int totalScaleDownCount = availablePodCount - minAvailable;
    int totalScaledDown = 0;
    List<Scaling> scalings = new ArrayList<>();
    for (ReplicaSetSnapshot target : sorted) {
      if (totalScaledDown >= totalScaleDownCount) {
        break;
      }
      if (target.specReplicas() == 0) {
        continue;
      }
      int scaleDownCount = Math.min(target.specReplicas(), totalScaleDownCount - totalScaledDown);
      scalings.add(
          new Scaling(
              target.name(), target.specReplicas(), target.specReplicas() - scaleDownCount));
      totalScaledDown += scaleDownCount;
    }
    return scalings;
  }

  static Optional<Scaling> scaleTo(ReplicaSetSnapshot replicaSet, int target) {
    if (replicaSet.specReplicas() == target) {
      return Optional.empty();
    }
    return Optional.of(new Scaling(replicaSet.name(), replicaSet.specReplicas(), target));
  }
}
