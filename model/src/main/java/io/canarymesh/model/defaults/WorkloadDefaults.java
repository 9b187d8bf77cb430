package io.canarymesh.model.defaults;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/** apps/v1 defaults ({@code SetDefaults_Deployment}, {@code SetDefaults_ReplicaSet}). */
final class WorkloadDefaults {
  static final String ROLLING_UPDATE = "RollingUpdate";
  static final String DEFAULT_SURGE_AND_UNAVAILABLE = "25%";

  private WorkloadDefaults() {}

  static void deployment(Deployment deployment) {
    DeploymentSpec spec = deployment.getSpec();
    if (spec == null) {
      return;
    }
    if (spec.getReplicas() == null) {
      spec.setReplicas(1);
    }
    strategy(spec);
    if (spec.getRevisionHistoryLimit() == null) {
      spec.setRevisionHistoryLimit(10);
    }
    if (spec.getProgressDeadlineSeconds() == null) {
      spec.setProgressDeadlineSeconds(600);
    }
    template(spec.getTemplate());
  }

  // RollingUpdate unless told otherwise, with 25% surge and 25% unavailable where unset.
  private static void strategy(DeploymentSpec spec) {
    if (spec.getStrategy() == null) {
      spec.setStrategy(new DeploymentStrategy());
    }
    DeploymentStrategy strategy = spec.getStrategy();
    if (isEmpty(strategy.getType())) {
      strategy.setType(ROLLING_UPDATE);
    }
    if (!ROLLING_UPDATE.equals(strategy.getType())) {
      return;
    }
    if (strategy.getRollingUpdate() == null) {
      strategy.setRollingUpdate(new RollingUpdateDeployment());
    }
    RollingUpdateDeployment rollingUpdate = strategy.getRollingUpdate();
    if (rollingUpdate.getMaxUnavailable() == null) {
      rollingUpdate.setMaxUnavailable(new IntOrString(DEFAULT_SURGE_AND_UNAVAILABLE));
    }
    if (rollingUpdate.getMaxSurge() == null) {
      rollingUpdate.setMaxSurge(new IntOrString(DEFAULT_SURGE_AND_UNAVAILABLE));
    }
  }

  static void replicaSet(ReplicaSet replicaSet) {
    ReplicaSetSpec spec = replicaSet.getSpec();
    if (spec == null) {
      return;
    }
    if (spec.getReplicas() == null) {
      spec.setReplicas(1);
    }
    template(spec.getTemplate());
  }

  private static void template(PodTemplateSpec template) {
    if (template != null && template.getSpec() != null) {
      PodSpecDefaults.podSpec(template.getSpec());
    }
  }

  static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
