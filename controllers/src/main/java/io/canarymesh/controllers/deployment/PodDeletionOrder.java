package io.canarymesh.controllers.deployment;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The order in which a ReplicaSet gives up pods when it shrinks: first in order, first deleted
 * (Kubernetes' {@code ActivePods}). The cheapest pods to lose come first:
 *
 * <ol>
 *   <li>not yet scheduled before scheduled ({@code spec.nodeName} empty);
 *   <li>Pending before Unknown before Running (other phases rank with Pending);
 *   <li>not ready before ready;
 *   <li>among ready pods, the one ready for the shortest time first (a pod with an unset ready time
 *       first of all) — the pods not yet past {@code minReadySeconds} go before available ones;
 *   <li>more container restarts before fewer;
 *   <li>newer before older (an unset creation time first).
 * </ol>
 *
 * Ties keep their order (Kubernetes' sort is not stable either; callers should not rely on it).
 */
public final class PodDeletionOrder implements Comparator<Pod> {
  public static final PodDeletionOrder INSTANCE = new PodDeletionOrder();

  private static final Map<String, Integer> PHASE_RANK =
      Map.of("Pending", 0, "Unknown", 1, "Running", 2);

  private PodDeletionOrder() {}

  @Override
  public int compare(Pod a, Pod b) {
    boolean aUnassigned = nodeName(a).isEmpty();
    boolean bUnassigned = nodeName(b).isEmpty();
    if (!nodeName(a).equals(nodeName(b)) && (aUnassigned || bUnassigned)) {
      return aUnassigned ? -1 : 1;
    }
    int byPhase = Integer.compare(phaseRank(a), phaseRank(b));
    if (byPhase != 0) {
      return byPhase;
    }
    boolean aReady = PodAvailability.isReady(a);
    boolean bReady = PodAvailability.isReady(b);
    if (aReady != bReady) {
      return aReady ? 1 : -1;
    }
    if (aReady) {
      int byReadyTime =
          laterOrUnsetFirst(PodAvailability.readySince(a), PodAvailability.readySince(b));
      if (byReadyTime != 0) {
        return byReadyTime;
      }
    }
    int byRestarts = Integer.compare(maxRestarts(b), maxRestarts(a));
    if (byRestarts != 0) {
      return byRestarts;
    }
    return laterOrUnsetFirst(created(a), created(b));
  }

  // Go's afterOrZero: an unset time counts as after every set time.
  private static int laterOrUnsetFirst(Optional<Instant> a, Optional<Instant> b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() ? -1 : 1;
    }
    return b.get().compareTo(a.get());
  }

  private static String nodeName(Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return node == null ? "" : node;
  }

  private static int phaseRank(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return phase == null ? 0 : PHASE_RANK.getOrDefault(phase, 0);
  }

  private static int maxRestarts(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return 0;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .map(ContainerStatus::getRestartCount)
        .mapToInt(count -> count == null ? 0 : count)
        .max()
        .orElse(0);
  }

  private static Optional<Instant> created(Pod pod) {
    String created = pod.getMetadata() == null ? null : pod.getMetadata().getCreationTimestamp();
    return Rfc3339.isZero(created) ? Optional.empty() : Optional.of(Rfc3339.parseOrEpoch(created));
  }
}
