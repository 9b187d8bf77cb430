package io.canarymesh.controllers.deployment;

import static io.canarymesh.controllers.deployment.ReplicaSetGroup.specReplicas;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the controller does when a Deployment's replicas change or it is paused ({@code scale()} in
 * Kubernetes' {@code sync.go}): a lone active ReplicaSet takes the new size; a saturated new
 * ReplicaSet retires the old ones; mid-rollout, the change is shared among the active ReplicaSets
 * in proportion to their sizes so the rollout's shape is kept.
 *
 * <p>Example: 10 replicas, maxSurge 3, mid-rollout old 8 and new 5 (13, the old maximum, is in
 * their {@code max-replicas} annotation), scaled to 20 (new maximum 23, so 10 pods to add): old
 * gets round(8 · 23 / 13) − 8 = 6, new round(5 · 23 / 13) − 5 = 4; all 10 handed out, no leftover:
 * old 14, new 9.
 */
public final class ProportionalScaling {
  /**
   * Larger first; among equals the newer first, since growing the newest ReplicaSet first brings
   * the rollout forward ({@code ReplicaSetsBySizeNewer}).
   */
  static final Comparator<ReplicaSetSnapshot> BY_SIZE_NEWER =
      Comparator.comparingInt(ReplicaSetSnapshot::specReplicas)
          .reversed()
          .thenComparing(ReplicaSetSnapshot.BY_CREATION.reversed());

  /** Larger first; among equals the older first ({@code ReplicaSetsBySizeOlder}). */
  static final Comparator<ReplicaSetSnapshot> BY_SIZE_OLDER =
      Comparator.comparingInt(ReplicaSetSnapshot::specReplicas)
          .reversed()
          .thenComparing(ReplicaSetSnapshot.BY_CREATION);

  private ProportionalScaling() {}

  /**
   * The scalings that bring the ReplicaSets to the Deployment's size, in the order Kubernetes makes
   * them; empty when nothing changes.
   *
   * @param statusReplicas the Deployment's {@code status.replicas}, the fallback for a ReplicaSet
   *     without a {@code max-replicas} annotation
   */
  public static List<Scaling> scale(
      RolloutParams params, int statusReplicas, ReplicaSetGroup group) {
    requireNonNull(params, "params");
    requireNonNull(group, "group");
    Optional<ReplicaSetSnapshot> activeOrLatest = findActiveOrLatest(group);
    if (activeOrLatest.isPresent()) {
      return RollingUpdate.scaleTo(activeOrLatest.get(), params.replicas()).stream().toList();
    }
    if (group.newRS().isPresent() && isSaturated(params, group.newRS().get())) {
      return group.activeOld().stream()
          .map(old -> new Scaling(old.name(), old.specReplicas(), 0))
          .toList();
    }
    if (params.isRollingUpdate()) {
      return shareAmongActive(params, statusReplicas, group);
    }
    return List.of();
  }

  /**
   * The only active ReplicaSet, or the newest when none is active ({@code FindActiveOrLatest});
   * empty when several are active, which calls for proportional scaling.
   */
  static Optional<ReplicaSetSnapshot> findActiveOrLatest(ReplicaSetGroup group) {
    List<ReplicaSetSnapshot> active = new ArrayList<>(group.activeOld());
    group.newRS().filter(ReplicaSetSnapshot::isActive).ifPresent(active::add);
    if (active.size() == 1) {
      return Optional.of(active.getFirst());
    }
    if (!active.isEmpty()) {
      return Optional.empty();
    }
    if (group.newRS().isPresent()) {
      return group.newRS();
    }
    return group.oldRSs().stream().max(ReplicaSetSnapshot.BY_CREATION);
  }

  /**
   * Whether the new ReplicaSet runs the whole Deployment ({@code IsSaturated}): it is asked for,
   * annotated with, and has available, exactly the Deployment's replicas.
   */
  public static boolean isSaturated(RolloutParams params, ReplicaSetSnapshot newRS) {
    return newRS.specReplicas() == params.replicas()
        && newRS.desiredReplicas().isPresent()
        && newRS.desiredReplicas().getAsInt() == params.replicas()
        && newRS.availableReplicas() == params.replicas();
  }

  private static List<Scaling> shareAmongActive(
      RolloutParams params, int statusReplicas, ReplicaSetGroup group) {
    List<ReplicaSetSnapshot> active = new ArrayList<>(group.activeOld());
    group.newRS().filter(ReplicaSetSnapshot::isActive).ifPresent(active::add);
    int allowedSize = params.replicas() > 0 ? params.maxTotalPods() : 0;
    int toAdd = allowedSize - specReplicas(active);
    if (toAdd > 0) {
      active.sort(BY_SIZE_NEWER);
    } else if (toAdd < 0) {
      active.sort(BY_SIZE_OLDER);
    }
    Map<String, Integer> sizes = new LinkedHashMap<>();
    int added = 0;
    for (ReplicaSetSnapshot rs : active) {
      int proportion = toAdd == 0 ? 0 : getProportion(rs, params, statusReplicas, toAdd, added);
      sizes.put(rs.name(), rs.specReplicas() + proportion);
      added += proportion;
    }
    List<Scaling> scalings = new ArrayList<>();
    for (int i = 0; i < active.size(); i++) {
      ReplicaSetSnapshot rs = active.get(i);
      int size = sizes.get(rs.name());
      if (i == 0 && toAdd != 0) {
        size = Math.max(0, size + toAdd - added);
      }
      if (size != rs.specReplicas()
          || rs.replicasAnnotationsNeedUpdate(params.replicas(), params.maxTotalPods())) {
        scalings.add(new Scaling(rs.name(), rs.specReplicas(), size));
      }
    }
    return List.copyOf(scalings);
  }

  /**
   * How many replicas {@code rs} gains (or, negative, loses) of {@code toAdd}, given {@code added}
   * already handed out ({@code GetProportion}). Its fair share, capped so the total never
   * overshoots: growing by 5 with 4 already given, a share of 3 is cut to 1.
   */
  public static int getProportion(
      ReplicaSetSnapshot rs, RolloutParams params, int statusReplicas, int toAdd, int added) {
    if (rs.specReplicas() == 0 || toAdd == 0 || toAdd == added) {
      return 0;
    }
    int fraction = getReplicaSetFraction(rs, params, statusReplicas);
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  /**
   * The change that keeps {@code rs}'s share of the Deployment ({@code getReplicaSetFraction}):
   * round(rs · (replicas + maxSurge) / max-replicas annotation) − rs, rounding halves away from
   * zero as Go's {@code math.Round}. 5 of 13 scaled to 23 → round(8.85) − 5 = 4. Scaling to 0 takes
   * the whole ReplicaSet.
   *
   * <p>Without the annotation the Deployment's {@code status.replicas} stands in. A zero
   * denominator (Kubernetes divides to infinity there and then converts it to int32) counts as no
   * share; the caller's caps and the leftover step still reach the target size.
   */
  static int getReplicaSetFraction(
      ReplicaSetSnapshot rs, RolloutParams params, int statusReplicas) {
    if (params.replicas() == 0) {
      return -rs.specReplicas();
    }
    int deploymentReplicas = params.maxTotalPods();
    int annotated = rs.maxReplicas().orElse(statusReplicas);
    if (annotated == 0) {
      return 0;
    }
    double newSize = (double) rs.specReplicas() * deploymentReplicas / annotated;
    return (int) Math.round(newSize) - rs.specReplicas();
  }
}
