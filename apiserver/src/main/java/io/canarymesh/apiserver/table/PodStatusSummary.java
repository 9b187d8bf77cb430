package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code kubectl get pods} says about a pod: READY {@code ready/total}, STATUS and RESTARTS,
 * summarised as kube-apiserver's {@code printPod} does.
 *
 * <p>STATUS starts as the phase (or {@code status.reason}), then the first init container that has
 * not finished overrides it ({@code Init:ErrImagePull}, {@code Init:0/2}, {@code Init:ExitCode:1});
 * once initialised, the app containers override it, the first container in the list winning: a
 * waiting reason ({@code ContainerCreating}, {@code ErrImagePull}, {@code CrashLoopBackOff}), else
 * a terminated reason ({@code Completed}, {@code Error}), else {@code ExitCode:N}/{@code Signal:N}.
 * A deleted pod that has not finished is {@code Terminating}. Sidecars (init containers with {@code
 * restartPolicy: Always}) count as containers.
 *
 * @param ready containers that are ready and running
 * @param total app containers plus sidecars
 * @param reason the STATUS cell
 * @param restarts restarts of the containers that count (see {@link #of})
 * @param lastRestart when the most recent of those restarts' previous run finished
 */
record PodStatusSummary(
    int ready, int total, String reason, long restarts, Optional<Instant> lastRestart) {

  /** The RESTARTS cell: {@code 0}, or {@code 3 (15m ago)} once something has restarted. */
  String restartsText(Instant now) {
    if (restarts == 0 || lastRestart.isEmpty()) {
      return Long.toString(restarts);
    }
    return restarts + " (" + Age.since(lastRestart.get(), now) + " ago)";
  }

  static PodStatusSummary of(JsonNode pod) {
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    Tally tally = new Tally(initialReason(status), countedContainers(spec));
    Set<String> sidecars = sidecarNames(spec);
    boolean initializing = tally.scanInitContainers(status, sidecars, initContainerCount(spec));
    if (!initializing || hasTrueCondition(status, "Initialized")) {
      tally.scanAppContainers(status);
    }
    tally.reason = reasonWhenDeleted(pod, tally.reason);
    return tally.summary();
  }

  /** The phase, or {@code status.reason} ({@code Evicted}), or {@code SchedulingGated}. */
  private static String initialReason(JsonNode status) {
    String reason = Fields.text(status, "reason");
    if (reason.isEmpty()) {
      reason = Fields.text(status, "phase");
    }
    for (JsonNode condition : Fields.elements(status, "conditions")) {
      if (Fields.text(condition, "type").equals("PodScheduled")
          && Fields.text(condition, "reason").equals("SchedulingGated")) {
        reason = "SchedulingGated";
      }
    }
    return reason;
  }

  private static String reasonWhenDeleted(JsonNode pod, String reason) {
    if (!Fields.present(pod, "metadata", "deletionTimestamp")) {
      return reason;
    }
    String phase = Fields.text(pod, "status", "phase");
    if (Fields.text(pod, "status", "reason").equals("NodeLost")) {
      return "Unknown";
    }
    boolean finished = phase.equals("Succeeded") || phase.equals("Failed");
    return finished ? reason : "Terminating";
  }

  private static int countedContainers(JsonNode spec) {
    return Fields.elements(spec, "containers").size() + sidecarNames(spec).size();
  }

  private static int initContainerCount(JsonNode spec) {
    return Fields.elements(spec, "initContainers").size();
  }

  private static Set<String> sidecarNames(JsonNode spec) {
    Set<String> names = new HashSet<>();
    for (JsonNode container : Fields.elements(spec, "initContainers")) {
      if (Fields.text(container, "restartPolicy").equals("Always")) {
        names.add(Fields.text(container, "name"));
      }
    }
    return names;
  }

  static boolean hasTrueCondition(JsonNode status, String type) {
    return Fields.elements(status, "conditions").stream()
        .anyMatch(
            c -> Fields.text(c, "type").equals(type) && Fields.text(c, "status").equals("True"));
  }

  /** The running totals while walking the container statuses. */
  private static final class Tally {
    private final int total;
    private String reason;
    private int ready;
    private long restarts;
    private Optional<Instant> lastRestart = Optional.empty();
    private long sidecarRestarts;
    private Optional<Instant> lastSidecarRestart = Optional.empty();

    Tally(String reason, int total) {
      this.reason = reason;
      this.total = total;
    }

    /** Walks init containers up to the first unfinished one; true if that one holds the pod. */
    boolean scanInitContainers(JsonNode status, Set<String> sidecars, int initContainers) {
      List<JsonNode> statuses = Fields.elements(status, "initContainerStatuses");
      for (int i = 0; i < statuses.size(); i++) {
        JsonNode container = statuses.get(i);
        boolean sidecar = sidecars.contains(Fields.text(container, "name"));
        countRestarts(container, sidecar);
        if (terminated(container)
            && Fields.integer(container, "state", "terminated", "exitCode") == 0) {
          continue;
        }
        if (sidecar && Fields.bool(container, "started")) {
          ready += Fields.bool(container, "ready") ? 1 : 0;
          continue;
        }
        reason = initReason(container, i, initContainers);
        return true;
      }
      return false;
    }

    /** Restarts of the app containers (plus sidecars); the first container's state wins. */
    void scanAppContainers(JsonNode status) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean hasRunning = false;
      List<JsonNode> statuses = Fields.elements(status, "containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode container = statuses.get(i);
        restarts += Fields.integer(container, "restartCount");
        lastRestart = later(lastRestart, lastFinished(container));
        Optional<String> stateReason = containerReason(container);
        if (stateReason.isPresent()) {
          reason = stateReason.get();
        } else if (Fields.bool(container, "ready")
            && Fields.present(container, "state", "running")) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = hasTrueCondition(status, "Ready") ? "Running" : "NotReady";
      }
    }

    PodStatusSummary summary() {
      return new PodStatusSummary(ready, total, reason, restarts, lastRestart);
    }

    private void countRestarts(JsonNode container, boolean sidecar) {
      long count = Fields.integer(container, "restartCount");
      Optional<Instant> finished = lastFinished(container);
      restarts += count;
      lastRestart = later(lastRestart, finished);
      if (sidecar) {
        sidecarRestarts += count;
        lastSidecarRestart = later(lastSidecarRestart, finished);
      }
    }

    private static String initReason(JsonNode container, int index, int initContainers) {
      if (terminated(container)) {
        return "Init:" + terminatedReason(container.path("state").path("terminated"));
      }
      String waiting = Fields.text(container, "state", "waiting", "reason");
      if (!waiting.isEmpty() && !waiting.equals("PodInitializing")) {
        return "Init:" + waiting;
      }
      return "Init:" + index + "/" + initContainers;
    }

    /** The waiting reason, else the terminated reason (or exit code); empty when running. */
    private static Optional<String> containerReason(JsonNode container) {
      String waiting = Fields.text(container, "state", "waiting", "reason");
      if (!waiting.isEmpty()) {
        return Optional.of(waiting);
      }
      if (terminated(container)) {
        return Optional.of(terminatedReason(container.path("state").path("terminated")));
      }
      return Optional.empty();
    }

    /** {@code Error}, or {@code Signal:9} / {@code ExitCode:1} when there is no reason. */
    private static String terminatedReason(JsonNode terminated) {
      String reason = Fields.text(terminated, "reason");
      if (!reason.isEmpty()) {
        return reason;
      }
      long signal = Fields.integer(terminated, "signal");
      return signal != 0
          ? "Signal:" + signal
          : "ExitCode:" + Fields.integer(terminated, "exitCode");
    }

    private static boolean terminated(JsonNode container) {
      return Fields.present(container, "state", "terminated");
    }

    private static Optional<Instant> lastFinished(JsonNode container) {
      return Fields.instant(container, "lastState", "terminated", "finishedAt");
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
      if (a.isEmpty()) {
        return b;
      }
      if (b.isEmpty()) {
        return a;
      }
      return a.get().isBefore(b.get()) ? b : a;
    }
  }
}
