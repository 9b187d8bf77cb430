package io.canarymesh.controllers.deployment;

import static io.canarymesh.controllers.deployment.DeploymentConditions.AVAILABLE;
import static io.canarymesh.controllers.deployment.DeploymentConditions.PROGRESSING;
import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's status computed from its ReplicaSets, as Kubernetes' {@code calculateStatus} and
 * {@code syncRolloutStatus} compute it, so {@code kubectl rollout status} prints the same lines.
 * The Deployment passed in is only read; {@code now} stands for the controller's clock.
 */
public final class RolloutStatus {
  /** {@code progressDeadlineSeconds} of MaxInt32 means "no deadline". */
  private static final int NO_DEADLINE = Integer.MAX_VALUE;

  private RolloutStatus() {}

  /**
   * The counts, {@code observedGeneration} and the Available condition ({@code calculateStatus}).
   * Available means at least replicas − maxUnavailable pods available: 2 of the article's 3. {@code
   * unavailableReplicas} is the pods asked for but not available, never negative: 4 asked
   * mid-rollout with 3 available → 1.
   */
  public static DeploymentStatus calculate(
      Deployment deployment, ReplicaSetGroup group, Instant now) {
    requireNonNull(deployment, "deployment");
    requireNonNull(now, "now");
    List<ReplicaSetSnapshot> all = group.all();
    int available = ReplicaSetGroup.availableReplicas(all);
    int unavailable = Math.max(0, ReplicaSetGroup.specReplicas(all) - available);
    DeploymentStatus current = status(deployment);
    DeploymentStatus next = new DeploymentStatus();
    next.setObservedGeneration(deployment.getMetadata().getGeneration());
    next.setReplicas(all.stream().mapToInt(ReplicaSetSnapshot::replicas).sum());
    next.setUpdatedReplicas(group.newRS().map(ReplicaSetSnapshot::replicas).orElse(0));
    next.setReadyReplicas(all.stream().mapToInt(ReplicaSetSnapshot::readyReplicas).sum());
    next.setAvailableReplicas(available);
    next.setUnavailableReplicas(unavailable);
    next.setCollisionCount(current.getCollisionCount());
    next.setConditions(
        DeploymentConditions.set(
            current.getConditions(), availability(deployment, available, now)));
    return next;
  }

  private static DeploymentCondition availability(
      Deployment deployment, int available, Instant now) {
    if (available
        >= RolloutParams.of(deployment).replicas() - RolloutParams.maxUnavailable(deployment)) {
      return DeploymentConditions.create(
          AVAILABLE,
          DeploymentConditions.TRUE,
          DeploymentConditions.MINIMUM_REPLICAS_AVAILABLE,
          "Deployment has minimum availability.",
          now);
    }
    return DeploymentConditions.create(
        AVAILABLE,
        DeploymentConditions.FALSE,
        DeploymentConditions.MINIMUM_REPLICAS_UNAVAILABLE,
        "Deployment does not have minimum availability.",
        now);
  }

  /**
   * The status after a rollout pass ({@code syncRolloutStatus}): {@link #calculate} plus the
   * Progressing condition — NewReplicaSetAvailable once complete, ReplicaSetUpdated (with a fresh
   * {@code lastUpdateTime}) whenever something moved, ProgressDeadlineExceeded when nothing moved
   * for {@code progressDeadlineSeconds}. A finished rollout that is only resynced keeps its
   * condition. (Kubernetes also copies a ReplicaSet's ReplicaFailure condition; ours report none.)
   */
  public static DeploymentStatus sync(Deployment deployment, ReplicaSetGroup group, Instant now) {
    DeploymentStatus next = calculate(deployment, group, now);
    if (!hasProgressDeadline(deployment)) {
      next.setConditions(DeploymentConditions.remove(next.getConditions(), PROGRESSING));
      return next;
    }
    Optional<DeploymentCondition> current =
        DeploymentConditions.get(status(deployment).getConditions(), PROGRESSING);
    boolean isCompleteDeployment =
        next.getReplicas().equals(next.getUpdatedReplicas())
            && current.isPresent()
            && DeploymentConditions.NEW_REPLICA_SET_AVAILABLE.equals(current.get().getReason());
    if (isCompleteDeployment) {
      return next;
    }
    String subject =
        group
            .newRS()
            .map(rs -> "ReplicaSet \"" + rs.name() + "\"")
            .orElse("Deployment \"" + deployment.getMetadata().getName() + "\"");
    if (deploymentComplete(deployment, next)) {
      next.setConditions(
          DeploymentConditions.set(
              next.getConditions(),
              DeploymentConditions.create(
                  PROGRESSING,
                  DeploymentConditions.TRUE,
                  DeploymentConditions.NEW_REPLICA_SET_AVAILABLE,
                  subject + " has successfully progressed.",
                  now)));
    } else if (deploymentProgressing(deployment, next)) {
      DeploymentCondition progressing =
          DeploymentConditions.create(
              PROGRESSING,
              DeploymentConditions.TRUE,
              DeploymentConditions.REPLICA_SET_UPDATED,
              subject + " is progressing.",
              now);
      List<DeploymentCondition> conditions = next.getConditions();
      if (current.isPresent()) {
        if (DeploymentConditions.TRUE.equals(current.get().getStatus())) {
          progressing.setLastTransitionTime(current.get().getLastTransitionTime());
        }
        conditions = DeploymentConditions.remove(conditions, PROGRESSING);
      }
      next.setConditions(DeploymentConditions.set(conditions, progressing));
    } else if (deploymentTimedOut(deployment, next, now)) {
      next.setConditions(
          DeploymentConditions.set(
              next.getConditions(),
              DeploymentConditions.create(
                  PROGRESSING,
                  DeploymentConditions.FALSE,
                  DeploymentConditions.PROGRESS_DEADLINE_EXCEEDED,
                  subject + " has timed out progressing.",
                  now)));
    }
    return next;
  }

  /**
   * Complete: every desired replica is updated and available, no old pod is left, and this
   * generation has been observed ({@code DeploymentComplete}).
   */
  public static boolean deploymentComplete(Deployment deployment, DeploymentStatus newStatus) {
    int replicas = RolloutParams.of(deployment).replicas();
    return orZero(newStatus.getUpdatedReplicas()) == replicas
        && orZero(newStatus.getReplicas()) == replicas
        && orZero(newStatus.getAvailableReplicas()) == replicas
        && orZero(newStatus.getObservedGeneration())
            >= orZero(deployment.getMetadata().getGeneration());
  }

  /**
   * Progress since the last status ({@code DeploymentProgressing}): more updated, ready or
   * available pods, or fewer old ones. Old pods are replicas − updated: 4 − 1 = 3 before, 3 − 1 = 2
   * after an old pod went → progress.
   */
  public static boolean deploymentProgressing(Deployment deployment, DeploymentStatus newStatus) {
    DeploymentStatus old = status(deployment);
    int oldOld = orZero(old.getReplicas()) - orZero(old.getUpdatedReplicas());
    int newOld = orZero(newStatus.getReplicas()) - orZero(newStatus.getUpdatedReplicas());
    return orZero(newStatus.getUpdatedReplicas()) > orZero(old.getUpdatedReplicas())
        || newOld < oldOld
        || orZero(newStatus.getReadyReplicas()) > orZero(old.getReadyReplicas())
        || orZero(newStatus.getAvailableReplicas()) > orZero(old.getAvailableReplicas());
  }

  /**
   * Timed out ({@code DeploymentTimedOut}): the Progressing condition was last updated more than
   * {@code progressDeadlineSeconds} before {@code now} — updated 10:00:00 with a deadline of 600 s
   * is timed out at 10:10:01, not at 10:10:00. Never after a finished rollout; always once
   * ProgressDeadlineExceeded was reported.
   */
  public static boolean deploymentTimedOut(
      Deployment deployment, DeploymentStatus newStatus, Instant now) {
    if (!hasProgressDeadline(deployment)) {
      return false;
    }
    Optional<DeploymentCondition> condition =
        DeploymentConditions.get(newStatus.getConditions(), PROGRESSING);
    if (condition.isEmpty()) {
      return false;
    }
    String reason = condition.get().getReason();
    if (DeploymentConditions.NEW_REPLICA_SET_AVAILABLE.equals(reason)) {
      return false;
    }
    if (DeploymentConditions.PROGRESS_DEADLINE_EXCEEDED.equals(reason)) {
      return true;
    }
    Instant from = Rfc3339.parseOrEpoch(condition.get().getLastUpdateTime());
    return from.plusSeconds(deployment.getSpec().getProgressDeadlineSeconds()).isBefore(now);
  }

  /**
   * When to look again for a timeout ({@code requeueStuckDeployment}): last update + deadline −
   * now, so updated 3 minutes ago with a 10-minute deadline → 7 minutes; {@link Duration#ZERO} when
   * under a second remains; empty when there is nothing to watch (no deadline or condition,
   * complete, or already timed out). Kubernetes adds a second to the delay against clock skew.
   */
  public static Optional<Duration> requeueAfter(
      Deployment deployment, DeploymentStatus newStatus, Instant now) {
    Optional<DeploymentCondition> current =
        DeploymentConditions.get(status(deployment).getConditions(), PROGRESSING);
    if (!hasProgressDeadline(deployment) || current.isEmpty()) {
      return Optional.empty();
    }
    if (deploymentComplete(deployment, newStatus)
        || DeploymentConditions.PROGRESS_DEADLINE_EXCEEDED.equals(current.get().getReason())) {
      return Optional.empty();
    }
    Instant deadline =
        Rfc3339.parseOrEpoch(current.get().getLastUpdateTime())
            .plusSeconds(deployment.getSpec().getProgressDeadlineSeconds());
    Duration after = Duration.between(now, deadline);
    return Optional.of(after.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ZERO : after);
  }

  /**
   * The status with DeploymentPaused or DeploymentResumed when {@code spec.paused} just changed
   * ({@code checkPausedConditions}); empty when nothing changes. A reported
   * ProgressDeadlineExceeded is never overwritten.
   */
  public static Optional<DeploymentStatus> pausedConditions(Deployment deployment, Instant now) {
    if (deployment.getSpec().getProgressDeadlineSeconds() == null) {
      return Optional.empty();
    }
    DeploymentStatus current = status(deployment);
    Optional<DeploymentCondition> condition =
        DeploymentConditions.get(current.getConditions(), PROGRESSING);
    if (condition.isPresent()
        && DeploymentConditions.PROGRESS_DEADLINE_EXCEEDED.equals(condition.get().getReason())) {
      return Optional.empty();
    }
    boolean pausedConditionExists =
        condition.isPresent()
            && DeploymentConditions.DEPLOYMENT_PAUSED.equals(condition.get().getReason());
    boolean paused = Boolean.TRUE.equals(deployment.getSpec().getPaused());
    if (paused && !pausedConditionExists) {
      return Optional.of(
          withProgressing(
              current, DeploymentConditions.DEPLOYMENT_PAUSED, "Deployment is paused", now));
    }
    if (!paused && pausedConditionExists) {
      return Optional.of(
          withProgressing(
              current, DeploymentConditions.DEPLOYMENT_RESUMED, "Deployment is resumed", now));
    }
    return Optional.empty();
  }

  /**
   * The status once the new ReplicaSet {@code replicaSet} was created ({@code getNewReplicaSet}):
   * Progressing=True, NewReplicaSetCreated, {@code Created new replica set "micro-api-7dbb6c5d66"}.
   * Unchanged without a progress deadline.
   */
  public static DeploymentStatus newReplicaSetCreated(
      Deployment deployment, String replicaSet, Instant now) {
    DeploymentStatus current = status(deployment);
    if (!hasProgressDeadline(deployment)) {
      return copy(current);
    }
    return withCondition(
        current,
        DeploymentConditions.create(
            PROGRESSING,
            DeploymentConditions.TRUE,
            DeploymentConditions.NEW_REPLICA_SET_CREATED,
            "Created new replica set \"" + replicaSet + "\"",
            now));
  }

  /**
   * The status when an existing new ReplicaSet is found and no Progressing condition exists yet:
   * FoundNewReplicaSet, {@code Found new replica set "micro-api-7dbb6c5d66"}; empty otherwise.
   */
  public static Optional<DeploymentStatus> foundNewReplicaSet(
      Deployment deployment, String replicaSet, Instant now) {
    DeploymentStatus current = status(deployment);
    if (deployment.getSpec().getProgressDeadlineSeconds() == null
        || DeploymentConditions.get(current.getConditions(), PROGRESSING).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        withCondition(
            current,
            DeploymentConditions.create(
                PROGRESSING,
                DeploymentConditions.TRUE,
                DeploymentConditions.FOUND_NEW_REPLICA_SET,
                "Found new replica set \"" + replicaSet + "\"",
                now)));
  }

  /**
   * Whether {@code progressDeadlineSeconds} is set and not MaxInt32 ({@code HasProgressDeadline}).
   */
  public static boolean hasProgressDeadline(Deployment deployment) {
    Integer deadline = deployment.getSpec().getProgressDeadlineSeconds();
    return deadline != null && deadline != NO_DEADLINE;
  }

  private static DeploymentStatus withProgressing(
      DeploymentStatus current, String reason, String message, Instant now) {
    return withCondition(
        current,
        DeploymentConditions.create(
            PROGRESSING, DeploymentConditions.UNKNOWN, reason, message, now));
  }

  private static DeploymentStatus withCondition(
      DeploymentStatus current, DeploymentCondition condition) {
    DeploymentStatus next = copy(current);
    next.setConditions(DeploymentConditions.set(current.getConditions(), condition));
    return next;
  }

  private static DeploymentStatus copy(DeploymentStatus status) {
    DeploymentStatus copy = new DeploymentStatus();
    copy.setObservedGeneration(status.getObservedGeneration());
    copy.setReplicas(status.getReplicas());
    copy.setUpdatedReplicas(status.getUpdatedReplicas());
    copy.setReadyReplicas(status.getReadyReplicas());
    copy.setAvailableReplicas(status.getAvailableReplicas());
    copy.setUnavailableReplicas(status.getUnavailableReplicas());
    copy.setTerminatingReplicas(status.getTerminatingReplicas());
    copy.setCollisionCount(status.getCollisionCount());
    copy.setConditions(DeploymentConditions.copy(status.getConditions()));
    return copy;
  }

  private static DeploymentStatus status(Deployment deployment) {
    return deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
