package io.canarymesh.controllers.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A pure, single-threaded model of a rolling update: the deployment controller's decisions from
 * {@link RollingUpdate}, a ReplicaSet controller that creates and deletes pods at once (deleting in
 * {@link PodDeletionOrder}), and pods that turn ready after a chosen delay. Time moves in whole
 * seconds; within a second the two controllers run until neither has anything left to do, so the
 * deployment controller always sees the ReplicaSets' current status, as after an informer event.
 */
final class RolloutSimulator {
  static final Instant EPOCH = Instant.parse("2024-05-01T10:00:00Z");

  private final RolloutParams params;
  private final int minReadySeconds;
  private final IntSupplier readinessDelay;
  private final Map<String, ReplicaSetSnapshot> replicaSets = new LinkedHashMap<>();
  private final Map<String, List<SimPod>> pods = new LinkedHashMap<>();
  private final List<String> events = new ArrayList<>();
  private final String newName;
  private int second;
  private int podSequence;

  /** A pod: when it was created and when it turns (or turned) ready, in seconds. */
  record SimPod(String name, int createdAt, int readyAt) {}

  /**
   * An old ReplicaSet with {@code params.replicas()} available pods and an empty new one, as right
   * after the template changed.
   */
  RolloutSimulator(
      RolloutParams params,
      int minReadySeconds,
      IntSupplier readinessDelay,
      String oldName,
      String newName) {
    this.params = params;
    this.minReadySeconds = minReadySeconds;
    this.readinessDelay = readinessDelay;
    this.newName = newName;
    List<SimPod> oldPods = new ArrayList<>();
    for (int i = 0; i < params.replicas(); i++) {
      oldPods.add(new SimPod(oldName + "-" + podSequence++, -1000, -1000));
    }
    replicaSets.put(
        oldName,
        annotated(
            ReplicaSetSnapshot.of(
                oldName, EPOCH.minusSeconds(3600), params.replicas(), params.replicas())));
    pods.put(oldName, oldPods);
    replicaSets.put(newName, annotated(ReplicaSetSnapshot.of(newName, EPOCH, 0, 0)));
    pods.put(newName, new ArrayList<>());
  }

  /** Runs both controllers to a standstill for the current second, checking after every step. */
  void settle(Runnable invariants) {
    for (int round = 0; round < 100; round++) {
      syncReplicaSets();
      invariants.run();
      List<Scaling> scalings = RollingUpdate.step(params, group());
      if (scalings.isEmpty()) {
        return;
      }
      scalings.forEach(this::apply);
      invariants.run();
    }
    throw new AssertionError("controllers did not settle within a second of simulated time");
  }

  void tick() {
    second++;
  }

  int second() {
    return second;
  }

  boolean converged() {
    ReplicaSetSnapshot newRS = replicaSets.get(newName);
    int oldPods =
        pods.entrySet().stream()
            .filter(e -> !e.getKey().equals(newName))
            .mapToInt(e -> e.getValue().size())
            .sum();
    return newRS.specReplicas() == params.replicas()
        && availableNow(newName) == params.replicas()
        && oldPods == 0
        && group().activeOld().isEmpty();
  }

  List<String> events() {
    return List.copyOf(events);
  }

  int totalPods() {
    return pods.values().stream().mapToInt(List::size).sum();
  }

  int totalSpecReplicas() {
    return replicaSets.values().stream().mapToInt(ReplicaSetSnapshot::specReplicas).sum();
  }

  int availablePods() {
    return pods.keySet().stream().mapToInt(this::availableNow).sum();
  }

  ReplicaSetGroup group() {
    List<ReplicaSetSnapshot> old =
        replicaSets.values().stream().filter(rs -> !rs.name().equals(newName)).toList();
    return ReplicaSetGroup.of(replicaSets.get(newName), old);
  }

  private void apply(Scaling scaling) {
    ReplicaSetSnapshot rs = replicaSets.get(scaling.replicaSet());
    replicaSets.put(rs.name(), annotated(rs.withSpecReplicas(scaling.to())));
    if (scaling.changesSize()) {
      events.add(scaling.message());
    }
  }

  private ReplicaSetSnapshot annotated(ReplicaSetSnapshot rs) {
    return rs.withReplicasAnnotations(params.replicas(), params.maxTotalPods());
  }

  // The ReplicaSet controller: create or delete pods to match spec, then report status.
  private void syncReplicaSets() {
    for (ReplicaSetSnapshot rs : List.copyOf(replicaSets.values())) {
      List<SimPod> owned = pods.get(rs.name());
      while (owned.size() < rs.specReplicas()) {
        owned.add(
            new SimPod(
                rs.name() + "-" + podSequence++, second, second + readinessDelay.getAsInt()));
      }
      if (owned.size() > rs.specReplicas()) {
        List<SimPod> ranked = new ArrayList<>(owned);
        ranked.sort((a, b) -> PodDeletionOrder.INSTANCE.compare(toPod(a), toPod(b)));
        owned.removeAll(ranked.subList(0, owned.size() - rs.specReplicas()));
      }
      int ready = (int) owned.stream().filter(p -> PodAvailability.isReady(toPod(p))).count();
      replicaSets.put(rs.name(), rs.withStatus(owned.size(), ready, availableNow(rs.name())));
    }
  }

  private int availableNow(String replicaSet) {
    Instant now = at(second);
    return (int)
        pods.get(replicaSet).stream()
            .filter(p -> PodAvailability.isAvailable(toPod(p), minReadySeconds, now))
            .count();
  }

  private Pod toPod(SimPod pod) {
    boolean ready = pod.readyAt() <= second;
    return new PodBuilder()
        .withNewMetadata()
        .withName(pod.name())
        .withCreationTimestamp(at(pod.createdAt()).toString())
        .endMetadata()
        .withNewSpec()
        .withNodeName("local")
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withLastTransitionTime(at(ready ? pod.readyAt() : pod.createdAt()).toString())
        .endCondition()
        .endStatus()
        .build();
  }

  private static Instant at(int second) {
    return EPOCH.plusSeconds(second);
  }
}
