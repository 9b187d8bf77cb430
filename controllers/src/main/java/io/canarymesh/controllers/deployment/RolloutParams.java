package io.canarymesh.controllers.deployment;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * The numbers of a Deployment that the rollout arithmetic reads: desired replicas, strategy, and
 * the resolved {@code maxSurge}/{@code maxUnavailable} as Kubernetes' {@code MaxSurge(d)} and
 * {@code MaxUnavailable(d)} return them.
 *
 * <p>{@code maxUnavailable} is 0 for Recreate and for 0 replicas, and never more than the replicas
 * ("100%" of 3 is 3, an int 5 of 3 is 3 too); {@code maxSurge} is 0 for Recreate.
 */
public record RolloutParams(int replicas, Strategy strategy, int maxSurge, int maxUnavailable) {

  public RolloutParams {
    requireNonNull(strategy, "strategy");
  }

  /** The parameters of a RollingUpdate with the given int-or-percent fields. */
  public static RolloutParams rolling(
      int replicas, IntOrString maxSurge, IntOrString maxUnavailable) {
    Fenceposts fenceposts = Fenceposts.resolve(maxSurge, maxUnavailable, replicas);
    int unavailable = replicas == 0 ? 0 : Math.min(fenceposts.maxUnavailable(), replicas);
    return new RolloutParams(replicas, Strategy.ROLLING_UPDATE, fenceposts.maxSurge(), unavailable);
  }

  public static RolloutParams recreate(int replicas) {
    return new RolloutParams(replicas, Strategy.RECREATE, 0, 0);
  }

  /**
   * Reads a defaulted Deployment; absent replicas count as 1 and an absent rollingUpdate as
   * 25%/25%, the API server's defaults.
   */
  public static RolloutParams of(Deployment deployment) {
    requireNonNull(deployment, "deployment");
    DeploymentSpec spec = requireNonNull(deployment.getSpec(), "deployment.spec");
    int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
    DeploymentStrategy strategy = spec.getStrategy();
    if (Strategy.of(strategy == null ? null : strategy.getType()) == Strategy.RECREATE) {
      return recreate(replicas);
    }
    RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
    IntOrString surge = rolling == null ? null : rolling.getMaxSurge();
    IntOrString unavailable = rolling == null ? null : rolling.getMaxUnavailable();
    return rolling(
        replicas,
        surge == null ? new IntOrString("25%") : surge,
        unavailable == null ? new IntOrString("25%") : unavailable);
  }

  /** Kubernetes' {@code MaxSurge(d)}. */
  public static int maxSurge(Deployment deployment) {
    return of(deployment).maxSurge();
  }

  /** Kubernetes' {@code MaxUnavailable(d)}. */
  public static int maxUnavailable(Deployment deployment) {
    return of(deployment).maxUnavailable();
  }

  public boolean isRollingUpdate() {
    return strategy == Strategy.ROLLING_UPDATE;
  }

  /**
   * The fewest available pods a rolling update keeps ({@code MinAvailable}): replicas −
   * maxUnavailable, e.g. 3 − 1 = 2 for the article's micro-api; 0 for Recreate.
   */
  public int minAvailable() {
    return isRollingUpdate() ? replicas - maxUnavailable : 0;
  }

  /** The most pods a rollout may run at once: replicas + maxSurge, e.g. 3 + 1 = 4. */
  public int maxTotalPods() {
    return replicas + maxSurge;
  }
}
