package io.canarymesh.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container of a pod through its life: pull (catalog lookup), start, probe, restart with
 * back-off, stop. Driven by its {@link PodWorker}'s thread only; {@link #step} takes one small step
 * and says when it next wants to run.
 */
final class ContainerRunner {
  private static final Logger log = LoggerFactory.getLogger(ContainerRunner.class);

  /** What the pod worker supplies: the pod, its IP, services, catalog and files. */
  record PodContext(
      Supplier<Pod> pod,
      String podIp,
      String hostIp,
      Supplier<List<Service>> services,
      Supplier<ImageCatalog> catalog,
      PodFiles files,
      RestartBackOff backOff,
      Runnable wake) {}

  private enum Phase {
    PULLING,
    RUNNING,
    BACKING_OFF,
    DONE
  }

  private record Terminated(
      int exitCode, String reason, String message, Instant startedAt, Instant finishedAt) {}

  private final Container spec;
  private final boolean init;
  private final PodEvents.Sink events;
  private final PodContext context;
  private Phase phase = Phase.PULLING;
  private String waitingReason = "ContainerCreating";
  private String waitingMessage = null;
  private Instant nextAttempt = Instant.MIN;
  private int pullFailures;
  private Instant pullFailedAt = Instant.MIN;
  private Optional<ImageEntry> image = Optional.empty();
  private ContainerProcess process;
  private Map<String, String> env = Map.of();
  private Terminated current;
  private Terminated last;
  private int restartCount;
  private int backOffs;
  private boolean ready;
  private ProbeTracker readiness;
  private ProbeTracker liveness;
  private ProbeTracker startup;
  private boolean started;
  private ImageEntry runningEntry;
  private Instant killDeadline;
  private boolean termSent;
  private boolean killedByProbe;

  /**
   * @param init an init container: runs to completion, no probes, restarted only after a failure
   *     (unless the policy is Never)
   */
  ContainerRunner(
      Container spec, PodContext context, int restartCount, boolean init, PodEvents.Sink events) {
    this.init = init;
    this.events = events;
    this.spec = spec;
    this.context = context;
    this.restartCount = restartCount;
  }

  String name() {
    return spec.getName();
  }

  boolean ready() {
    return ready;
  }

  boolean running() {
    return phase == Phase.RUNNING;
  }

  /** Whether this container has finished for good (its restart policy allows no restart). */
  boolean done() {
    return phase == Phase.DONE;
  }

  Optional<Integer> finalExitCode() {
    return phase == Phase.DONE && current != null
        ? Optional.of(current.exitCode)
        : Optional.empty();
  }

  /** An init container that completed with exit code 0. */
  boolean succeeded() {
    return phase == Phase.DONE && current != null && current.exitCode() == 0;
  }

  /** Marks the container not ready (its pod is terminating). */
  void unready() {
    ready = false;
  }

  boolean everTerminated() {
    return last != null || current != null;
  }

  /** Takes one step at {@code now}; returns when it next wants to run. */
  Instant step(Instant now) {
    return switch (phase) {
      case PULLING -> pull(now);
      case BACKING_OFF -> now.isBefore(nextAttempt) ? nextAttempt : start(now);
      case RUNNING -> supervise(now);
      case DONE -> Instant.MAX;
    };
  }

  // ---- pulling: the catalog stands in for a registry

  private Instant pull(Instant now) {
    if (now.isBefore(nextAttempt)) {
      // like the kubelet: ErrImagePull until its next sync (a second later), then the back-off
      Instant flip = pullFailedAt.plusSeconds(1);
      if (now.isBefore(flip)) {
        return flip;
      }
      if (waitingReason.equals("ErrImagePull")) {
        waitingReason = "ImagePullBackOff";
        waitingMessage = "Back-off pulling image \"" + spec.getImage() + "\"";
        events.emit("Normal", "BackOff", waitingMessage);
        events.emit("Warning", "Failed", "Error: ImagePullBackOff");
      }
      return nextAttempt;
    }
    try {
      image = context.catalog().get().find(spec.getImage());
    } catch (IllegalArgumentException e) {
      return pullFailed(now, "the image catalog cannot be read: " + e.getMessage());
    }
    if (image.isEmpty()) {
      return pullFailed(
          now,
          "Failed to pull image \""
              + spec.getImage()
              + "\": no entry in the image catalog matches it (add one to images.yaml in the"
              + " state directory)");
    }
    pullFailures = 0;
    return start(now);
  }

  private Instant pullFailed(Instant now, String message) {
    waitingReason = "ErrImagePull";
    waitingMessage = message;
    events.emit("Warning", "Failed", message);
    events.emit("Warning", "Failed", "Error: ErrImagePull");
    pullFailures++;
    pullFailedAt = now;
    nextAttempt = now.plus(context.backOff().delay(pullFailures, Duration.ZERO));
    return now.plusSeconds(1).isBefore(nextAttempt) ? now.plusSeconds(1) : nextAttempt;
  }

  // ---- starting

  private Instant start(Instant now) {
    ImageEntry entry = image.orElseThrow();
    List<String> commandLine = commandLine(entry);
    try {
      env = environment(entry);
      probesCompile();
    } catch (IllegalArgumentException e) {
      return configError(now, e.getMessage(), Duration.ofSeconds(10));
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      return configError(now, "cannot list the services: " + e.getMessage(), Duration.ofSeconds(1));
    }
    if (current != null) {
      restartCount++;
      last = current;
      current = null;
    }
    try {
      process = ContainerProcess.start(commandLine, env, context.files(), name(), now);
    } catch (IOException e) {
      Terminated failed =
          new Terminated(
              128,
              "StartError",
              "failed to start " + commandLine.get(0) + ": " + e.getMessage(),
              now,
              now);
      return afterExit(failed, now);
    }
    process.onExit(context.wake());
    events.emit(
        "Normal",
        "Pulled",
        "Container image \"" + spec.getImage() + "\" already present on machine");
    events.emit("Normal", "Created", "Created container: " + name());
    events.emit("Normal", "Started", "Started container " + name());
    phase = Phase.RUNNING;
    waitingReason = null;
    waitingMessage = null;
    killDeadline = null;
    termSent = false;
    killedByProbe = false;
    ready = false;
    runningEntry = entry;
    startup =
        ProbeSpec.of(init ? null : spec.getStartupProbe(), spec)
            .map(p -> new ProbeTracker(p, now, false))
            .orElse(null);
    started = startup == null;
    readiness = null;
    liveness = null;
    if (started) {
      armProbes(now);
    }
    log.debug("started {} of {} as pid {}", name(), podName(), process.pid());
    return now;
  }

  /** Fails (IllegalArgumentException) on a probe this runtime cannot run, before any start. */
  private void probesCompile() {
    for (var probe :
        java.util.Arrays.asList(
            spec.getStartupProbe(), spec.getLivenessProbe(), spec.getReadinessProbe())) {
      try {
        ProbeSpec.of(probe, spec);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("container " + name() + ": " + e.getMessage(), e);
      }
    }
  }

  /** The container cannot be configured (yet): waiting, retried after {@code retry}. */
  private Instant configError(Instant now, String message, Duration retry) {
    phase = Phase.BACKING_OFF;
    waitingReason = "CreateContainerConfigError";
    waitingMessage = message;
    events.emit("Warning", "Failed", "Error: " + message);
    nextAttempt = now.plus(retry);
    return nextAttempt;
  }

  private List<String> commandLine(ImageEntry entry) {
    List<String> line = new ArrayList<>();
    boolean ownCommand = spec.getCommand() != null && !spec.getCommand().isEmpty();
    line.addAll(ownCommand ? spec.getCommand() : entry.command());
    boolean ownArgs = spec.getArgs() != null && !spec.getArgs().isEmpty();
    line.addAll(ownArgs || ownCommand ? orEmpty(spec.getArgs()) : entry.args());
    return line;
  }

  private Map<String, String> environment(ImageEntry entry) {
    Map<String, String> imageEnv = new LinkedHashMap<>();
    imageEnv.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    imageEnv.putAll(entry.env());
    Map<String, String> built =
        PodEnvironment.of(
            context.pod().get(),
            spec,
            context.podIp(),
            context.hostIp(),
            context.services().get(),
            imageEnv);
    return built;
  }

  /** Readiness and liveness probes start once the container has started (startupProbe passed). */
  private void armProbes(Instant now) {
    if (init) {
      return; // init containers are never ready while they run, and have no probes
    }
    readiness = readinessTracker(runningEntry, now);
    liveness =
        ProbeSpec.of(spec.getLivenessProbe(), spec)
            .map(p -> new ProbeTracker(p, now, true))
            .orElse(null);
  }

  private ProbeTracker readinessTracker(ImageEntry entry, Instant now) {
    Optional<ProbeSpec> probe = ProbeSpec.of(spec.getReadinessProbe(), spec);
    if (probe.isEmpty() && entry.readiness().isPresent()) {
      probe = Optional.of(ProbeSpec.declared(entry.readiness().get()));
    }
    return probe.map(p -> new ProbeTracker(p, now, false)).orElse(null);
  }

  // ---- running

  private Instant supervise(Instant now) {
    if (!process.alive()) {
      return exited(now);
    }
    if (killDeadline != null) {
      if (!now.isBefore(killDeadline)) {
        process.kill();
      }
      return now.plusMillis(100);
    }
    if (!started) {
      return awaitStartup(now);
    }
    if (liveness != null && liveness.due(now)) {
      ProbeChecker.Outcome outcome = ProbeChecker.check(liveness.spec(), context.podIp(), env);
      unhealthy("Liveness", outcome);
      if (!liveness.record(outcome.passed(), outcome.message(), Instant.now())) {
        log.info(
            "{} of {} failed liveness probe, will be restarted: {}",
            name(),
            podName(),
            outcome.message());
        ready = false;
        killedByProbe = true;
        events.emit(
            "Normal",
            "Killing",
            "Container " + name() + " failed liveness probe, will be restarted");
        stop(gracePeriod(), Instant.now());
        return Instant.now().plusMillis(100);
      }
    }
    if (readiness != null && readiness.due(now)) {
      ProbeChecker.Outcome outcome = ProbeChecker.check(readiness.spec(), context.podIp(), env);
      if (spec.getReadinessProbe() != null) {
        unhealthy("Readiness", outcome); // an image's own check is not the user's probe
      }
      ready = readiness.record(outcome.passed(), outcome.message(), Instant.now());
    } else if (readiness == null) {
      ready = !init;
    }
    Instant next = Instant.MAX;
    if (liveness != null) {
      next = min(next, liveness.nextDue());
    }
    if (readiness != null) {
      next = min(next, readiness.nextDue());
    }
    return next;
  }

  private void unhealthy(String probe, ProbeChecker.Outcome outcome) {
    if (!outcome.passed()) {
      events.emit("Warning", "Unhealthy", probe + " probe failed: " + outcome.message());
    }
  }

  /** The startupProbe alone runs until it passes; failing it out restarts the container. */
  private Instant awaitStartup(Instant now) {
    if (startup.due(now)) {
      ProbeChecker.Outcome outcome = ProbeChecker.check(startup.spec(), context.podIp(), env);
      unhealthy("Startup", outcome);
      Instant checked = Instant.now();
      if (startup.record(outcome.passed(), outcome.message(), checked)) {
        started = true;
        armProbes(checked);
        return checked;
      }
      if (startup.failedOut()) {
        log.info(
            "{} of {} failed startup probe, will be restarted: {}",
            name(),
            podName(),
            outcome.message());
        killedByProbe = true;
        events.emit(
            "Normal",
            "Killing",
            "Container " + name() + " failed startup probe, will be restarted");
        stop(gracePeriod(), checked);
        return checked.plusMillis(100);
      }
    }
    return startup.nextDue();
  }

  private Instant exited(Instant now) {
    int code = process.exitCode();
    process.cleanUp();
    String reason = code == 0 ? "Completed" : "Error";
    Terminated terminated = new Terminated(code, reason, null, process.startedAt(), now);
    log.debug("{} of {} exited with {}", name(), podName(), code);
    return afterExit(terminated, now);
  }

  /** Restart policy and back-off after a run ends (or fails to start). */
  private Instant afterExit(Terminated terminated, Instant now) {
    current = terminated;
    ready = false;
    process = null;
    readiness = null;
    liveness = null;
    startup = null;
    started = false;
    String policy = context.pod().get().getSpec().getRestartPolicy();
    boolean failed = terminated.exitCode() != 0;
    // a container stopped by a failed probe restarts unless the policy is Never, whatever its
    // exit code (a graceful exit 0 after SIGTERM included), as the kubelet decides
    boolean restart =
        init
            ? failed && !"Never".equals(policy)
            : policy == null
                || policy.equals("Always")
                || (policy.equals("OnFailure") && (failed || killedByProbe));
    if (init && !failed) {
      ready = true; // a completed init container reports ready, as the kubelet does
    }
    if (!restart) {
      phase = Phase.DONE;
      return Instant.MAX;
    }
    Duration ran = Duration.between(terminated.startedAt(), terminated.finishedAt());
    Duration delay = context.backOff().delay(backOffs, ran);
    backOffs = context.backOff().next(backOffs, ran);
    if (delay.isZero()) {
      return start(now);
    }
    phase = Phase.BACKING_OFF;
    waitingReason = "CrashLoopBackOff";
    Pod pod = context.pod().get();
    waitingMessage =
        "back-off "
            + humanDuration(delay)
            + " restarting failed container="
            + name()
            + " pod="
            + pod.getMetadata().getName()
            + "_"
            + pod.getMetadata().getNamespace()
            + "("
            + pod.getMetadata().getUid()
            + ")";
    nextAttempt = now.plus(delay);
    events.emit(
        "Warning",
        "BackOff",
        "Back-off restarting failed container "
            + name()
            + " in pod "
            + pod.getMetadata().getName()
            + "_"
            + pod.getMetadata().getNamespace()
            + "("
            + pod.getMetadata().getUid()
            + ")");
    return nextAttempt;
  }

  // ---- stopping

  /** SIGTERM now, SIGKILL at {@code now + grace} (checked by later {@link #step}s). */
  void stop(Duration grace, Instant now) {
    if (process != null && process.alive()) {
      process.terminate();
      killDeadline = now.plus(grace);
    }
  }

  /** SIGTERM now, without waiting (the first step of {@link #shutDown}). */
  void signalTerm() {
    if (process != null && process.alive() && !termSent) {
      events.emit("Normal", "Killing", "Stopping container " + name());
      process.terminate();
      termSent = true;
    }
  }

  /** Stops for good: SIGTERM (unless sent), waits until {@code deadline}, SIGKILL; no restart. */
  void shutDown(Instant deadline) {
    Phase before = phase;
    phase = Phase.DONE;
    if (process == null) {
      return;
    }
    signalTerm();
    process.awaitExit(Duration.between(Instant.now(), deadline));
    if (process.alive()) {
      process.kill();
      process.awaitExit();
    }
    if (before == Phase.RUNNING) {
      current =
          new Terminated(
              process.exitCode(),
              process.exitCode() == 0 ? "Completed" : "Error",
              null,
              process.startedAt(),
              Instant.now());
    }
    process.cleanUp();
    process = null;
    ready = false;
  }

  private Duration gracePeriod() {
    Long seconds = context.pod().get().getSpec().getTerminationGracePeriodSeconds();
    return Duration.ofSeconds(seconds == null ? 30 : seconds);
  }

  // ---- status

  ContainerStatus status() {
    return status(false);
  }

  /**
   * @param podInitializing the pod's init containers have not all completed: a main container that
   *     has not started waits with reason PodInitializing
   */
  ContainerStatus status(boolean podInitializing) {
    ContainerStatusBuilder status =
        new ContainerStatusBuilder()
            .withName(name())
            .withImage(spec.getImage())
            .withImageID(image.isPresent() ? "catalog://" + spec.getImage() : "")
            .withReady(ready)
            .withStarted(phase == Phase.RUNNING && started)
            .withRestartCount(restartCount)
            .withState(state(podInitializing));
    if (process != null) {
      status.withContainerID("process://" + process.pid());
    }
    Terminated previous = phase == Phase.DONE ? last : (current != null ? current : last);
    if (previous != null) {
      status.withLastState(
          new ContainerStateBuilder().withTerminated(terminated(previous)).build());
    } else {
      status.withNewLastState().endLastState();
    }
    return status.build();
  }

  private ContainerState state(boolean podInitializing) {
    return switch (phase) {
      case RUNNING ->
          new ContainerStateBuilder()
              .withNewRunning()
              .withStartedAt(Rfc3339.format(process.startedAt()))
              .endRunning()
              .build();
      case DONE ->
          current == null
              ? waiting("ContainerCreating", null)
              : new ContainerStateBuilder().withTerminated(terminated(current)).build();
      default ->
          podInitializing && current == null && last == null
              ? waiting("PodInitializing", null)
              : waiting(waitingReason, waitingMessage);
    };
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.ContainerStateTerminated terminated(Terminated t) {
    return new io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder()
        .withExitCode(t.exitCode())
        .withReason(t.reason())
        .withMessage(t.message())
        .withStartedAt(Rfc3339.format(t.startedAt()))
        .withFinishedAt(Rfc3339.format(t.finishedAt()))
        .build();
  }

  // ---- helpers

  private String podName() {
    Pod pod = context.pod().get();
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }

  /** {@code 10s}, {@code 2m40s}, {@code 5m0s}, as Go prints a duration. */
  static String humanDuration(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds < 60 ? seconds + "s" : (seconds / 60) + "m" + (seconds % 60) + "s";
  }
}
