package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What the rollout arithmetic reads of one ReplicaSet: {@code spec.replicas}, the counts of its
 * status, and the {@code desired-replicas} / {@code max-replicas} annotations the deployment
 * controller wrote when it last scaled it. Immutable, so the arithmetic stays pure; the controller
 * turns each decision ({@link Scaling}) back into an update of the real object.
 *
 * @param specReplicas {@code spec.replicas}: the pods the ReplicaSet is asked to run
 * @param replicas {@code status.replicas}: the pods it runs
 * @param desiredReplicas the Deployment's replicas when this ReplicaSet was last scaled
 * @param maxReplicas the Deployment's replicas + maxSurge when this ReplicaSet was last scaled
 */
public record ReplicaSetSnapshot(
    String name,
    Instant created,
    int specReplicas,
    int replicas,
    int readyReplicas,
    int availableReplicas,
    OptionalInt desiredReplicas,
    OptionalInt maxReplicas) {

  /** Oldest first, then by name: Kubernetes' {@code ReplicaSetsByCreationTimestamp}. */
  public static final Comparator<ReplicaSetSnapshot> BY_CREATION =
      Comparator.comparing(ReplicaSetSnapshot::created).thenComparing(ReplicaSetSnapshot::name);

  public ReplicaSetSnapshot {
    requireNonNull(name, "name");
    requireNonNull(created, "created");
    requireNonNull(desiredReplicas, "desiredReplicas");
    requireNonNull(maxReplicas, "maxReplicas");
  }

  /** A ReplicaSet without annotations, as tests and simulations start them. */
  public static ReplicaSetSnapshot of(
      String name, Instant created, int specReplicas, int available) {
    return new ReplicaSetSnapshot(
        name,
        created,
        specReplicas,
        specReplicas,
        available,
        available,
        OptionalInt.empty(),
        OptionalInt.empty());
  }

  /** Reads a ReplicaSet from the API; absent counts are 0, an unparsable annotation is absent. */
  public static ReplicaSetSnapshot of(ReplicaSet replicaSet) {
    requireNonNull(replicaSet, "replicaSet");
    ObjectMeta meta = requireNonNull(replicaSet.getMetadata(), "replicaSet.metadata");
    ReplicaSetStatus status = replicaSet.getStatus();
    Map<String, String> annotations =
        meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    Integer spec = replicaSet.getSpec() == null ? null : replicaSet.getSpec().getReplicas();
    return new ReplicaSetSnapshot(
        meta.getName(),
        Rfc3339.parseOrEpoch(meta.getCreationTimestamp()),
        spec == null ? 1 : spec,
        status == null ? 0 : orZero(status.getReplicas()),
        status == null ? 0 : orZero(status.getReadyReplicas()),
        status == null ? 0 : orZero(status.getAvailableReplicas()),
        intAnnotation(annotations, ReplicaSetAnnotations.DESIRED_REPLICAS),
        intAnnotation(annotations, ReplicaSetAnnotations.MAX_REPLICAS));
  }

  /** This ReplicaSet scaled to {@code newSpecReplicas}, its status not yet caught up. */
  public ReplicaSetSnapshot withSpecReplicas(int newSpecReplicas) {
    return new ReplicaSetSnapshot(
        name,
        created,
        newSpecReplicas,
        replicas,
        readyReplicas,
        availableReplicas,
        desiredReplicas,
        maxReplicas);
  }

  /** This ReplicaSet with the status its ReplicaSet controller reports. */
  public ReplicaSetSnapshot withStatus(int newReplicas, int newReady, int newAvailable) {
    return new ReplicaSetSnapshot(
        name,
        created,
        specReplicas,
        newReplicas,
        newReady,
        newAvailable,
        desiredReplicas,
        maxReplicas);
  }

  /** This ReplicaSet with the {@code desired-replicas} and {@code max-replicas} annotations set. */
  public ReplicaSetSnapshot withReplicasAnnotations(int desired, int max) {
    return new ReplicaSetSnapshot(
        name,
        created,
        specReplicas,
        replicas,
        readyReplicas,
        availableReplicas,
        OptionalInt.of(desired),
        OptionalInt.of(max));
  }

  /** Whether the annotations differ from the Deployment's current replicas and maximum. */
  public boolean replicasAnnotationsNeedUpdate(int desired, int max) {
    return desiredReplicas.isEmpty()
        || desiredReplicas.getAsInt() != desired
        || maxReplicas.isEmpty()
        || maxReplicas.getAsInt() != max;
  }

  /** Kubernetes' {@code FilterActiveReplicaSets}: those that have, or ought to have, pods. */
  public boolean isActive() {
    return specReplicas > 0;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static OptionalInt intAnnotation(Map<String, String> annotations, String key) {
    String value = annotations.get(key);
    if (value == null) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
