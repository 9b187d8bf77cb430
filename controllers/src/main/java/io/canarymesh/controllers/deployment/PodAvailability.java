package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.Optional;

/**
 * Pod readiness and availability as Kubernetes' {@code podutil} decides them. Ready: the Ready
 * condition is True. Available: ready for longer than {@code minReadySeconds}.
 */
public final class PodAvailability {
  private PodAvailability() {}

  public static boolean isReady(Pod pod) {
    return readyCondition(requireNonNull(pod, "pod"))
        .map(c -> DeploymentConditions.TRUE.equals(c.getStatus()))
        .orElse(false);
  }

  /**
   * {@code IsPodAvailable}: ready, and either {@code minReadySeconds} is 0 or the Ready condition
   * turned True strictly more than {@code minReadySeconds} before {@code now}. Ready at 10:00:00
   * with minReadySeconds 5: not available at 10:00:05, available at 10:00:06 (and at 10:00:05.001 —
   * times are compared as instants, though the API stores whole seconds).
   */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    requireNonNull(now, "now");
    if (!isReady(pod)) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    String since = readyCondition(pod).orElseThrow().getLastTransitionTime();
    return !Rfc3339.isZero(since)
        && Rfc3339.parseOrEpoch(since).plusSeconds(minReadySeconds).isBefore(now);
  }

  /**
   * When the Ready condition became True, if the pod is ready: the time {@code ActivePods} ranks
   * by. Empty for a pod that is not ready or whose time is unset.
   */
  public static Optional<Instant> readySince(Pod pod) {
    if (!isReady(pod)) {
      return Optional.empty();
    }
    String since = readyCondition(pod).orElseThrow().getLastTransitionTime();
    return Rfc3339.isZero(since) ? Optional.empty() : Optional.of(Rfc3339.parseOrEpoch(since));
  }

  static Optional<PodCondition> readyCondition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }

  /** Not Succeeded or Failed and not being deleted ({@code IsPodActive}). */
  public static boolean isActive(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase)
        && !"Failed".equals(phase)
        && (pod.getMetadata() == null || pod.getMetadata().getDeletionTimestamp() == null);
  }
}
