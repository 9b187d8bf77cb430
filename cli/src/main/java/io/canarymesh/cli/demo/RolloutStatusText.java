package io.canarymesh.cli.demo;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Optional;

/** What {@code kubectl rollout status} says of a Deployment, in kubectl's words and order. */
final class RolloutStatusText {
  private RolloutStatusText() {}

  /** The final line when the rollout finished or failed; empty while it is in progress. */
  static Optional<String> done(Deployment d) {
    if (!observed(d)) {
      return Optional.empty();
    }
    DeploymentStatus status = d.getStatus();
    boolean deadline =
        status.getConditions().stream()
            .filter(c -> "Progressing".equals(c.getType()))
            .map(DeploymentCondition::getReason)
            .anyMatch("ProgressDeadlineExceeded"::equals);
    if (deadline) {
      return Optional.of("error: deployment \"" + name(d) + "\" exceeded its progress deadline");
    }
    if (updated(d) < d.getSpec().getReplicas()
        || value(status.getReplicas()) > updated(d)
        || value(status.getAvailableReplicas()) < updated(d)) {
      return Optional.empty();
    }
    return Optional.of("deployment \"" + name(d) + "\" successfully rolled out");
  }

  /** The line kubectl prints while waiting. */
  static String waiting(Deployment d) {
    if (!observed(d)) {
      return "Waiting for deployment spec update to be observed...";
    }
    DeploymentStatus status = d.getStatus();
    String prefix = "Waiting for deployment \"" + name(d) + "\" rollout to finish: ";
    if (updated(d) < d.getSpec().getReplicas()) {
      return prefix
          + updated(d)
          + " out of "
          + d.getSpec().getReplicas()
          + " new replicas have been updated...";
    }
    if (value(status.getReplicas()) > updated(d)) {
      return prefix
          + (value(status.getReplicas()) - updated(d))
          + " old replicas are pending termination...";
    }
    return prefix
        + value(status.getAvailableReplicas())
        + " of "
        + updated(d)
        + " updated replicas are available...";
  }

  private static boolean observed(Deployment d) {
    return d.getStatus() != null
        && d.getStatus().getObservedGeneration() != null
        && d.getMetadata().getGeneration() <= d.getStatus().getObservedGeneration();
  }

  private static int updated(Deployment d) {
    return value(d.getStatus().getUpdatedReplicas());
  }

  private static int value(Integer value) {
    return value == null ? 0 : value;
  }

  private static String name(Deployment d) {
    return d.getMetadata().getName();
  }
}
