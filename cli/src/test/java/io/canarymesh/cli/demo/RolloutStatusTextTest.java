package io.canarymesh.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/** kubectl's rollout status lines, in its order of checks (kubectl/pkg/polymorphichelpers). */
class RolloutStatusTextTest {
  private static Deployment deployment(
      long generation, Long observed, int updated, int replicas, int available, String reason) {
    var builder =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("micro-api")
            .withGeneration(generation)
            .endMetadata()
            .withNewSpec()
            .withReplicas(3)
            .endSpec()
            .withNewStatus()
            .withObservedGeneration(observed)
            .withUpdatedReplicas(updated)
            .withReplicas(replicas)
            .withAvailableReplicas(available)
            .endStatus();
    if (reason != null) {
      builder
          .editStatus()
          .addNewCondition()
          .withType("Progressing")
          .withReason(reason)
          .endCondition()
          .endStatus();
    }
    return builder.build();
  }

  @Test
  void waitsForTheSpecToBeObserved() {
    Deployment d = deployment(2, 1L, 3, 3, 3, null);
    assertThat(RolloutStatusText.done(d)).isEmpty();
    assertThat(RolloutStatusText.waiting(d))
        .isEqualTo("Waiting for deployment spec update to be observed...");
  }

  @Test
  void reportsUpdatedThenOldThenAvailableReplicas() {
    assertThat(RolloutStatusText.waiting(deployment(2, 2L, 1, 4, 3, null)))
        .isEqualTo(
            "Waiting for deployment \"micro-api\" rollout to finish: 1 out of 3 new replicas have been updated...");
    assertThat(RolloutStatusText.waiting(deployment(2, 2L, 3, 4, 3, null)))
        .isEqualTo(
            "Waiting for deployment \"micro-api\" rollout to finish: 1 old replicas are pending termination...");
    assertThat(RolloutStatusText.waiting(deployment(2, 2L, 3, 3, 2, null)))
        .isEqualTo(
            "Waiting for deployment \"micro-api\" rollout to finish: 2 of 3 updated replicas are available...");
  }

  @Test
  void finishesOrFailsOnTheDeadline() {
    assertThat(RolloutStatusText.done(deployment(2, 2L, 3, 3, 3, "NewReplicaSetAvailable")))
        .contains("deployment \"micro-api\" successfully rolled out");
    assertThat(RolloutStatusText.done(deployment(2, 2L, 1, 3, 2, "ProgressDeadlineExceeded")))
        .contains("error: deployment \"micro-api\" exceeded its progress deadline");
  }
}
