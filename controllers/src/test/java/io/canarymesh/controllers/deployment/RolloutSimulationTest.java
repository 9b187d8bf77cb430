package io.canarymesh.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whole rollouts stepped through the pure functions: the article's, and 500 random ones. */
class RolloutSimulationTest {
  private static final IntOrString ONE = new IntOrString(1);

  @Test
  void articleRolloutWithInstantReadinessTakesBigStepsOnceNewPodsAreAvailable() {
    RolloutSimulator sim =
        new RolloutSimulator(
            RolloutParams.rolling(3, ONE, ONE),
            0,
            () -> 0,
            "micro-api-57c7cb5b74",
            "micro-api-677dd4d5b6");

    runToCompletion(sim, 3, 4, 2);

    assertThat(sim.events())
        .containsExactly(
            "Scaled up replica set micro-api-677dd4d5b6 to 1",
            "Scaled down replica set micro-api-57c7cb5b74 to 1",
            "Scaled up replica set micro-api-677dd4d5b6 to 3",
            "Scaled down replica set micro-api-57c7cb5b74 to 0");
  }

  @Test
  void articleRolloutWithMinReadySecondsMatchesTheArticlesDescribeOutput() {
    // minReadySeconds 5 as in micro-api.yaml; pods turn ready a second after they start.
    RolloutSimulator sim =
        new RolloutSimulator(
            RolloutParams.rolling(3, ONE, ONE),
            5,
            () -> 1,
            "micro-api-57c7cb5b74",
            "micro-api-677dd4d5b6");

    runToCompletion(sim, 3, 4, 2);

    assertThat(sim.events())
        .containsExactly(
            "Scaled up replica set micro-api-677dd4d5b6 to 1",
            "Scaled down replica set micro-api-57c7cb5b74 to 2",
            "Scaled up replica set micro-api-677dd4d5b6 to 2",
            "Scaled down replica set micro-api-57c7cb5b74 to 0",
            "Scaled up replica set micro-api-677dd4d5b6 to 3");
    // Two waits of 1 s to ready + 6 s to available (the check is strictly after 5 s).
    assertThat(sim.second()).isEqualTo(14);
  }

  /**
   * 500 random rollouts (fixed seed): at every step at most replicas + maxSurge pods exist and at
   * least replicas − maxUnavailable are available, and every rollout finishes in bounded time.
   */
  @Test
  void randomRolloutsKeepSurgeAndAvailabilityBoundsAndConverge() {
    Random random = new Random(20240501L);
    for (int i = 0; i < 500; i++) {
      int replicas = random.nextInt(11);
      IntOrString surge = intOrPercent(random);
      IntOrString unavailable = intOrPercent(random);
      if (isZero(surge) && isZero(unavailable)) {
        unavailable = new IntOrString(1);
      }
      int minReadySeconds = random.nextInt(4);
      int maxDelay = random.nextInt(6);
      Random delays = new Random(random.nextLong());
      RolloutParams params = RolloutParams.rolling(replicas, surge, unavailable);
      String description =
          "case "
              + i
              + ": "
              + params
              + " minReadySeconds="
              + minReadySeconds
              + " maxDelay="
              + maxDelay;
      RolloutSimulator sim =
          new RolloutSimulator(
              params, minReadySeconds, () -> delays.nextInt(maxDelay + 1), "old", "new");

      int bound = (2 * replicas + 2) * (maxDelay + minReadySeconds + 2);
      List<String> violations =
          runToCompletion(
              sim, params.replicas(), params.maxTotalPods(), params.minAvailable(), bound);

      assertThat(violations).as(description).isEmpty();
      assertThat(sim.converged()).as(description + " converged within " + bound + " s").isTrue();
    }
  }

  private static void runToCompletion(
      RolloutSimulator sim, int replicas, int maxPods, int minAvailable) {
    assertThat(runToCompletion(sim, replicas, maxPods, minAvailable, 100)).isEmpty();
    assertThat(sim.converged()).isTrue();
  }

  private static List<String> runToCompletion(
      RolloutSimulator sim, int replicas, int maxPods, int minAvailable, int maxSeconds) {
    List<String> violations = new ArrayList<>();
    Runnable invariants =
        () -> {
          if (sim.totalPods() > maxPods || sim.totalSpecReplicas() > maxPods) {
            violations.add(
                "t="
                    + sim.second()
                    + ": "
                    + sim.totalPods()
                    + " pods, "
                    + sim.totalSpecReplicas()
                    + " asked, more than "
                    + maxPods);
          }
          if (sim.availablePods() < minAvailable) {
            violations.add(
                "t="
                    + sim.second()
                    + ": "
                    + sim.availablePods()
                    + " available, fewer than "
                    + minAvailable);
          }
        };
    while (sim.second() <= maxSeconds) {
      sim.settle(invariants);
      if (sim.converged()) {
        break;
      }
      sim.tick();
    }
    return violations;
  }

  private static IntOrString intOrPercent(Random random) {
    return random.nextBoolean()
        ? new IntOrString(random.nextInt(4))
        : new IntOrString(random.nextInt(101) + "%");
  }

  private static boolean isZero(IntOrString value) {
    return Integer.valueOf(0).equals(value.getIntVal()) || "0%".equals(value.getStrVal());
  }
}
