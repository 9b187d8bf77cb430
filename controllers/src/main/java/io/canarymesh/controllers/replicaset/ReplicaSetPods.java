package io.canarymesh.controllers.replicaset;

import io.canarymesh.controllers.deployment.PodAvailability;
import io.canarymesh.controllers.deployment.PodDeletionOrder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ReplicaSet controller's arithmetic over a ReplicaSet's pods, pure: which pods count, which to
 * delete, the status, and when a pod becomes available.
 */
final class ReplicaSetPods {
  private ReplicaSetPods() {}

  /** Pods that count as replicas: not Succeeded/Failed and not terminating. */
  static List<Pod> active(List<Pod> owned) {
    return owned.stream().filter(PodAvailability::isActive).toList();
  }

  /**
   * The {@code count} pods to delete, in {@link PodDeletionOrder}: unscheduled before scheduled,
   * pending before running, not ready before ready, the most recently ready first, then newest.
   */
  static List<Pod> toDelete(List<Pod> active, int count) {
    return active.stream().sorted(PodDeletionOrder.INSTANCE).limit(Math.max(0, count)).toList();
  }

  /**
   * {@code calculateStatus}: replicas, fullyLabeledReplicas (pods carrying every template label),
   * readyReplicas, availableReplicas (ready longer than minReadySeconds), observedGeneration.
   */
  static ReplicaSetStatus status(ReplicaSet rs, List<Pod> active, Instant now) {
    Map<String, String> templateLabels = templateLabels(rs);
    int minReady = minReadySeconds(rs);
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (Pod pod : active) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      if (labels != null && labels.entrySet().containsAll(templateLabels.entrySet())) {
        fullyLabeled++;
      }
      if (PodAvailability.isReady(pod)) {
        ready++;
        if (PodAvailability.isAvailable(pod, minReady, now)) {
          available++;
        }
      }
    }
    ReplicaSetStatus current = rs.getStatus();
    return new ReplicaSetStatusBuilder()
        .withReplicas(active.size())
        .withFullyLabeledReplicas(fullyLabeled)
        .withReadyReplicas(ready)
        .withAvailableReplicas(available)
        .withObservedGeneration(rs.getMetadata().getGeneration())
        .withConditions(current == null ? null : current.getConditions())
        .build();
  }

  /**
   * When the next ready pod turns available: ready at 10:00:00 with minReadySeconds 5 and now
   * 10:00:02 → in a little over 3 s. Empty when no pod is waiting.
   */
  static Optional<Duration> nextAvailable(ReplicaSet rs, List<Pod> active, Instant now) {
    int minReady = minReadySeconds(rs);
    if (minReady == 0) {
      return Optional.empty();
    }
    return active.stream()
        .filter(
            pod -> PodAvailability.isReady(pod) && !PodAvailability.isAvailable(pod, minReady, now))
        .map(pod -> PodAvailability.readySince(pod).orElse(now))
        .map(since -> Duration.between(now, since.plusSeconds(minReady)).plusMillis(50))
        .min(Duration::compareTo)
        .map(d -> d.isNegative() ? Duration.ZERO : d);
  }

  static int minReadySeconds(ReplicaSet rs) {
    Integer value = rs.getSpec().getMinReadySeconds();
    return value == null ? 0 : value;
  }

  static int replicas(ReplicaSet rs) {
    Integer value = rs.getSpec().getReplicas();
    return value == null ? 1 : value;
  }

  private static Map<String, String> templateLabels(ReplicaSet rs) {
    if (rs.getSpec().getTemplate() == null
        || rs.getSpec().getTemplate().getMetadata() == null
        || rs.getSpec().getTemplate().getMetadata().getLabels() == null) {
      return Map.of();
    }
    return rs.getSpec().getTemplate().getMetadata().getLabels();
  }
}
