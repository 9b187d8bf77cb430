package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

/**
 * One decision of the deployment controller: set ReplicaSet {@code replicaSet} to {@code to}
 * replicas (from {@code from}). Applying it also sets the ReplicaSet's {@code desired-replicas} and
 * {@code max-replicas} annotations to the Deployment's current replicas and replicas + maxSurge, as
 * Kubernetes' {@code scaleReplicaSet} does. A scaling whose size does not change only refreshes
 * those annotations and records no event.
 */
public record Scaling(String replicaSet, int from, int to) {
  /** The event reason Kubernetes records on the Deployment. */
  public static final String EVENT_REASON = "ScalingReplicaSet";

  public Scaling {
    requireNonNull(replicaSet, "replicaSet");
  }

  public boolean changesSize() {
    return from != to;
  }

  /** "up" or "down". */
  public String direction() {
    return to > from ? "up" : "down";
  }

  /**
   * The event message as the article's {@code kubectl describe} shows it: {@code Scaled up replica
   * set micro-api-677dd4d5b6 to 1}. (Recent Kubernetes releases write {@code from N to M}.)
   */
  public String message() {
    return "Scaled " + direction() + " replica set " + replicaSet + " to " + to;
  }

  @Override
  public String toString() {
    return replicaSet + " " + from + "->" + to;
  }
}
