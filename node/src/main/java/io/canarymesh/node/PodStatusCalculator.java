package io.canarymesh.node;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod's status from its containers' statuses, as the kubelet computes it ({@code getPhase},
 * {@code generateAPIPodStatus}): pure, so the rules are tested alone.
 *
 * <p>Phase: Pending until every container has started once; Running while any runs or restarts (a
 * container in CrashLoopBackOff has run before, so the pod stays Running); Succeeded when all
 * finished for good with 0, Failed when all finished for good and one did not exit 0. Conditions in
 * the kubelet's order: PodReadyToStartContainers, Initialized, Ready, ContainersReady,
 * PodScheduled, with {@code lastTransitionTime} kept from {@code previous} while a condition's
 * status is unchanged.
 */
final class PodStatusCalculator {

  /** One container as the pod status needs it. */
  record ContainerView(ContainerStatus status, boolean done, boolean everRan, int exitCode) {}

  private PodStatusCalculator() {}

  static PodStatus calculate(
      List<ContainerView> initContainers,
      List<ContainerView> containers,
      String podIp,
      String hostIp,
      Instant startTime,
      boolean terminating,
      Map<String, PodCondition> previous,
      Instant now) {
    List<String> incomplete = new ArrayList<>();
    boolean initFailed = false;
    for (ContainerView init : initContainers) {
      if (!init.done() || init.exitCode() != 0) {
        incomplete.add(init.status().getName());
      }
      initFailed |= init.done() && init.exitCode() != 0;
    }
    boolean initialized = incomplete.isEmpty();
    String phase = initFailed ? "Failed" : initialized ? phase(containers) : "Pending";
    List<String> unready = new ArrayList<>();
    for (ContainerView container : containers) {
      if (!Boolean.TRUE.equals(container.status().getReady())) {
        unready.add(container.status().getName());
      }
    }
    boolean completed = phase.equals("Succeeded") || phase.equals("Failed");
    boolean ready = initialized && unready.isEmpty() && !terminating && !completed;
    String reason = completed ? "PodCompleted" : "ContainersNotReady";
    String message =
        completed || unready.isEmpty()
            ? null
            : "containers with unready status: " + bracket(unready);
    List<PodCondition> conditions =
        List.of(
            condition("PodReadyToStartContainers", !completed, null, null, previous, now),
            condition(
                "Initialized",
                initialized,
                "ContainersNotInitialized",
                "containers with incomplete status: " + bracket(incomplete),
                previous,
                now),
            condition("Ready", ready, reason, message, previous, now),
            condition("ContainersReady", ready, reason, message, previous, now),
            condition("PodScheduled", true, null, null, previous, now));
    PodStatusBuilder status = new PodStatusBuilder();
    if (!initContainers.isEmpty()) {
      status.withInitContainerStatuses(initContainers.stream().map(ContainerView::status).toList());
    }
    return status
        .withPhase(phase)
        .withConditions(conditions)
        .withHostIP(hostIp)
        .withHostIPs(new io.fabric8.kubernetes.api.model.HostIP(hostIp))
        .withPodIP(podIp)
        .withPodIPs(new PodIP(podIp))
        .withStartTime(Rfc3339.format(startTime))
        .withQosClass("BestEffort")
        .withContainerStatuses(containers.stream().map(ContainerView::status).toList())
        .build();
  }

  static String phase(List<ContainerView> containers) {
    if (!containers.isEmpty() && containers.stream().allMatch(ContainerView::done)) {
      return containers.stream().allMatch(c -> c.exitCode() == 0) ? "Succeeded" : "Failed";
    }
    boolean allStarted = containers.stream().allMatch(c -> c.everRan() || c.done());
    boolean anyRunning =
        containers.stream().anyMatch(c -> c.status().getState().getRunning() != null);
    return anyRunning || allStarted ? "Running" : "Pending";
  }

  private static PodCondition condition(
      String type,
      boolean status,
      String reason,
      String message,
      Map<String, PodCondition> previous,
      Instant now) {
    String value = status ? "True" : "False";
    PodCondition before = previous.get(type);
    String since =
        before != null && value.equals(before.getStatus()) && before.getLastTransitionTime() != null
            ? before.getLastTransitionTime()
            : Rfc3339.format(now);
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(value)
        .withLastProbeTime(null)
        .withLastTransitionTime(since)
        .withReason(status ? null : reason)
        .withMessage(status ? null : message)
        .build();
  }

  private static String bracket(List<String> names) {
    return "[" + String.join(" ", names) + "]";
  }
}
