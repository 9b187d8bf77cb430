package io.canarymesh.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FencepostsTest {

  /** Kubernetes' TestResolveFenceposts and the rounding rules; "-" is an absent field. */
  @ParameterizedTest
  @CsvSource({
    "39%, 39%, 10, 4, 3",
    "-, 39%, 10, 0, 3",
    "39%, -, 10, 4, 0",
    "-, -, 10, 0, 1",
    "25%, 25%, 3, 1, 0",
    "25%, 25%, 4, 1, 1",
    "1, 1, 3, 1, 1",
    "1%, 1%, 2, 1, 0",
    "0%, 1%, 2, 0, 1",
    "0, 0, 5, 0, 1",
    "100%, 100%, 3, 3, 3",
    "50%, 50%, 3, 2, 1",
    "5, 5, 3, 5, 5",
  })
  void resolvesSurgeUpAndUnavailableDown(
      String surge, String unavailable, int desired, int expectedSurge, int expectedUnavailable) {
    assertThat(Fenceposts.resolve(field(surge), field(unavailable), desired))
        .isEqualTo(new Fenceposts(expectedSurge, expectedUnavailable));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "oops | invalid value for IntOrString: invalid type: string is not a percentage",
        "0 as string | invalid value for IntOrString: invalid type: string is not a percentage",
        "x% | invalid value for IntOrString: invalid value \"x%\": strconv.Atoi: parsing \"x\": invalid syntax",
      })
  void rejectsStringsThatAreNotPercentages(String value, String message) {
    IntOrString field = new IntOrString(value.equals("0 as string") ? "0" : value);
    assertThatThrownBy(() -> Fenceposts.resolve(field, new IntOrString("39%"), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  /**
   * MaxUnavailable(d): capped at replicas, 0 for 0 replicas and for Recreate; MaxSurge 0 for
   * Recreate.
   */
  @ParameterizedTest
  @CsvSource({
    "RollingUpdate, 3, 1, 1, 1, 1, 2",
    "RollingUpdate, 3, 2, 5, 2, 3, 0",
    "RollingUpdate, 0, 1, 1, 1, 0, 0",
    "RollingUpdate, 10, 25%, 25%, 3, 2, 8",
    "Recreate, 3, 1, 1, 0, 0, 0",
  })
  void deploymentLimits(
      String type,
      int replicas,
      String surge,
      String unavailable,
      int maxSurge,
      int maxUnavailable,
      int minAvailable) {
    Deployment deployment = deployment(type, replicas, surge, unavailable);

    assertThat(RolloutParams.maxSurge(deployment)).isEqualTo(maxSurge);
    assertThat(RolloutParams.maxUnavailable(deployment)).isEqualTo(maxUnavailable);
    assertThat(RolloutParams.of(deployment).minAvailable()).isEqualTo(minAvailable);
  }

  static Deployment deployment(String type, int replicas, String surge, String unavailable) {
    DeploymentStrategy strategy = new DeploymentStrategy();
    strategy.setType(type);
    if (type.equals("RollingUpdate")) {
      strategy.setRollingUpdate(new RollingUpdateDeployment(field(surge), field(unavailable)));
    }
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("micro-api")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withStrategy(strategy)
        .endSpec()
        .build();
  }

  static IntOrString field(String value) {
    if (value.equals("-")) {
      return null;
    }
    return value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
  }
}
