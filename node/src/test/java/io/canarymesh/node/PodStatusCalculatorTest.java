package io.canarymesh.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodStatusCalculatorTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  static PodStatusCalculator.ContainerView running(String name, boolean ready) {
    return new PodStatusCalculator.ContainerView(
        status(name, ready, new ContainerStateBuilder().withNewRunning().endRunning().build()),
        false,
        true,
        0);
  }

  static PodStatusCalculator.ContainerView waiting(String name, boolean ranBefore) {
    return new PodStatusCalculator.ContainerView(
        status(
            name,
            false,
            new ContainerStateBuilder().withNewWaiting().withReason("X").endWaiting().build()),
        false,
        ranBefore,
        0);
  }

  static PodStatusCalculator.ContainerView finished(String name, int exitCode) {
    return new PodStatusCalculator.ContainerView(
        status(
            name,
            false,
            new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(exitCode)
                .endTerminated()
                .build()),
        true,
        true,
        exitCode);
  }

  static ContainerStatus status(
      String name, boolean ready, io.fabric8.kubernetes.api.model.ContainerState state) {
    return new ContainerStatusBuilder().withName(name).withReady(ready).withState(state).build();
  }

  @Test
  void phasesAsTheKubeletComputesThem() {
    assertThat(PodStatusCalculator.phase(List.of(waiting("a", false)))).isEqualTo("Pending");
    assertThat(PodStatusCalculator.phase(List.of(running("a", false), waiting("b", false))))
        .isEqualTo("Running");
    assertThat(PodStatusCalculator.phase(List.of(waiting("a", true)))).isEqualTo("Running");
    assertThat(PodStatusCalculator.phase(List.of(finished("a", 0), finished("b", 0))))
        .isEqualTo("Succeeded");
    assertThat(PodStatusCalculator.phase(List.of(finished("a", 0), finished("b", 2))))
        .isEqualTo("Failed");
    assertThat(PodStatusCalculator.phase(List.of(finished("a", 0), running("b", true))))
        .isEqualTo("Running");
  }

  @Test
  void readyNeedsEveryContainerReadyAndKeepsTransitionTimesWhileUnchanged() {
    Map<String, PodCondition> previous = new HashMap<>();
    PodStatus first =
        PodStatusCalculator.calculate(
            List.of(),
            List.of(running("a", true), running("b", false)),
            "127.244.0.1",
            "127.0.0.1",
            T0,
            false,
            previous,
            T0);
    first.getConditions().forEach(c -> previous.put(c.getType(), c));

    PodCondition notReady = previous.get("Ready");
    assertThat(notReady.getStatus()).isEqualTo("False");
    assertThat(notReady.getReason()).isEqualTo("ContainersNotReady");
    assertThat(notReady.getMessage()).isEqualTo("containers with unready status: [b]");
    assertThat(first.getPodIP()).isEqualTo("127.244.0.1");
    assertThat(first.getPodIPs()).hasSize(1);
    assertThat(first.getStartTime()).isEqualTo("2025-03-01T10:00:00Z");

    PodStatus later =
        PodStatusCalculator.calculate(
            List.of(),
            List.of(running("a", true), running("b", true)),
            "127.244.0.1",
            "127.0.0.1",
            T0,
            false,
            previous,
            T0.plusSeconds(5));
    assertThat(later.getConditions())
        .extracting(
            PodCondition::getType, PodCondition::getStatus, PodCondition::getLastTransitionTime)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "PodReadyToStartContainers", "True", "2025-03-01T10:00:00Z"),
            org.assertj.core.groups.Tuple.tuple("Initialized", "True", "2025-03-01T10:00:00Z"),
            org.assertj.core.groups.Tuple.tuple("Ready", "True", "2025-03-01T10:00:05Z"),
            org.assertj.core.groups.Tuple.tuple("ContainersReady", "True", "2025-03-01T10:00:05Z"),
            org.assertj.core.groups.Tuple.tuple("PodScheduled", "True", "2025-03-01T10:00:00Z"));

    PodStatus terminating =
        PodStatusCalculator.calculate(
            List.of(), List.of(running("a", true)), "ip", "host", T0, true, previous, T0);
    assertThat(terminating.getConditions().get(2).getType()).isEqualTo("Ready");
    assertThat(terminating.getConditions().get(2).getStatus()).isEqualTo("False");
    PodStatus completed =
        PodStatusCalculator.calculate(
            List.of(), List.of(finished("a", 0)), "ip", "host", T0, false, Map.of(), T0);
    assertThat(completed.getConditions().get(2).getReason()).isEqualTo("PodCompleted");
    assertThat(completed.getConditions().get(0).getStatus()).isEqualTo("False");
  }

  @Test
  void initContainersHoldThePodPendingUntilTheyCompleteAndAFailedOneFailsIt() {
    PodStatus initializing =
        PodStatusCalculator.calculate(
            List.of(finished("init-a", 0), running("init-b", false)),
            List.of(waiting("main", false)),
            "ip",
            "host",
            T0,
            false,
            Map.of(),
            T0);

    assertThat(initializing.getPhase()).isEqualTo("Pending");
    assertThat(initializing.getInitContainerStatuses()).hasSize(2);
    PodCondition initialized = initializing.getConditions().get(1);
    assertThat(initialized.getStatus()).isEqualTo("False");
    assertThat(initialized.getReason()).isEqualTo("ContainersNotInitialized");
    assertThat(initialized.getMessage()).isEqualTo("containers with incomplete status: [init-b]");

    assertThat(
            PodStatusCalculator.calculate(
                    List.of(finished("init-a", 0)),
                    List.of(running("main", true)),
                    "ip",
                    "host",
                    T0,
                    false,
                    Map.of(),
                    T0)
                .getConditions())
        .allMatch(c -> c.getStatus().equals("True"));
    assertThat(
            PodStatusCalculator.calculate(
                    List.of(finished("init-a", 1)),
                    List.of(waiting("main", false)),
                    "ip",
                    "host",
                    T0,
                    false,
                    Map.of(),
                    T0)
                .getPhase())
        .isEqualTo("Failed");
  }
}
