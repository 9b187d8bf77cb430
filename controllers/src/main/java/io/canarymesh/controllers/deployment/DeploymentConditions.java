package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's status conditions with Kubernetes' types, reasons and update rules ({@code
 * SetDeploymentCondition}). Lists in, new lists out; the conditions passed in are never changed.
 */
public final class DeploymentConditions {
  public static final String AVAILABLE = "Available";
  public static final String PROGRESSING = "Progressing";
  public static final String REPLICA_FAILURE = "ReplicaFailure";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  // Progressing reasons.
  public static final String REPLICA_SET_UPDATED = "ReplicaSetUpdated";
  public static final String FAILED_RS_CREATE = "ReplicaSetCreateError";
  public static final String NEW_REPLICA_SET_CREATED = "NewReplicaSetCreated";
  public static final String FOUND_NEW_REPLICA_SET = "FoundNewReplicaSet";
  public static final String NEW_REPLICA_SET_AVAILABLE = "NewReplicaSetAvailable";
  public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
  public static final String DEPLOYMENT_PAUSED = "DeploymentPaused";
  public static final String DEPLOYMENT_RESUMED = "DeploymentResumed";

  // Available reasons.
  public static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
  public static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";

  private DeploymentConditions() {}

  /** A condition whose update and transition times are both {@code now}. */
  public static DeploymentCondition create(
      String type, String status, String reason, String message, Instant now) {
    String time = Rfc3339.format(requireNonNull(now, "now"));
    return new DeploymentCondition(time, time, message, reason, status, type);
  }

  public static Optional<DeploymentCondition> get(
      List<DeploymentCondition> conditions, String type) {
    return orEmpty(conditions).stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /**
   * {@code conditions} with {@code condition} in place of the one of its type, appended last. A
   * condition already there with the same status and reason is kept as it is, message and times
   * included; one with the same status keeps its {@code lastTransitionTime}.
   */
  public static List<DeploymentCondition> set(
      List<DeploymentCondition> conditions, DeploymentCondition condition) {
    Optional<DeploymentCondition> current = get(conditions, condition.getType());
    if (current.isPresent()
        && current.get().getStatus().equals(condition.getStatus())
        && current.get().getReason().equals(condition.getReason())) {
      return copy(conditions);
    }
    DeploymentCondition added = copy(condition);
    if (current.isPresent() && current.get().getStatus().equals(condition.getStatus())) {
      added.setLastTransitionTime(current.get().getLastTransitionTime());
    }
    List<DeploymentCondition> result = remove(conditions, condition.getType());
    result.add(added);
    return result;
  }

  /** {@code conditions} without the one of {@code type}. */
  public static List<DeploymentCondition> remove(
      List<DeploymentCondition> conditions, String type) {
    List<DeploymentCondition> result = new ArrayList<>();
    for (DeploymentCondition condition : orEmpty(conditions)) {
      if (!type.equals(condition.getType())) {
        result.add(copy(condition));
      }
    }
    return result;
  }

  static List<DeploymentCondition> copy(List<DeploymentCondition> conditions) {
    return new ArrayList<>(orEmpty(conditions).stream().map(DeploymentConditions::copy).toList());
  }

  static DeploymentCondition copy(DeploymentCondition c) {
    return new DeploymentCondition(
        c.getLastTransitionTime(),
        c.getLastUpdateTime(),
        c.getMessage(),
        c.getReason(),
        c.getStatus(),
        c.getType());
  }

  private static List<DeploymentCondition> orEmpty(List<DeploymentCondition> conditions) {
    return conditions == null ? List.of() : conditions;
  }
}
