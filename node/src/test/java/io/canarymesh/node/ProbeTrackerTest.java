package io.canarymesh.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeTrackerTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  final Container container =
      new ContainerBuilder()
          .withName("c")
          .addNewPort()
          .withName("web")
          .withContainerPort(9090)
          .endPort()
          .build();

  @Test
  void kubernetesDefaultsAndNamedPorts() {
    Probe probe =
        new ProbeBuilder().withNewHttpGet().withPort(new IntOrString("web")).endHttpGet().build();

    ProbeSpec spec = ProbeSpec.of(probe, container).orElseThrow();

    assertThat(spec.period()).isEqualTo(Duration.ofSeconds(10));
    assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(spec.successThreshold()).isEqualTo(1);
    assertThat(spec.failureThreshold()).isEqualTo(3);
    assertThat(spec.initialDelay()).isZero();
    assertThat(spec.action())
        .isEqualTo(
            new ProbeSpec.HttpGet(
                Optional.empty(), 9090, "/", "HTTP", java.util.Map.of(), Optional.empty()));
    ProbeSpec unresolved =
        ProbeSpec.of(
                new ProbeBuilder()
                    .withNewTcpSocket()
                    .withPort(new IntOrString("nope"))
                    .endTcpSocket()
                    .build(),
                container)
            .orElseThrow();
    assertThat(((ProbeSpec.TcpSocket) unresolved.action()).unresolved()).isPresent();
    assertThat(ProbeChecker.check(unresolved, "127.0.0.1", java.util.Map.of()).message())
        .contains("port \"nope\" is not a named containerPort");
    assertThat(ProbeSpec.of(null, container)).isEmpty();
    assertThatThrownBy(() -> ProbeSpec.of(new Probe(), container))
        .hasMessageContaining("use httpGet, tcpSocket or exec");
  }

  @Test
  void failureThresholdCountsFailuresInARow() {
    ProbeSpec spec = spec(1, 3, 0);
    ProbeTracker liveness = new ProbeTracker(spec, T0, true);

    assertThat(liveness.record(false, "", T0)).isTrue();
    assertThat(liveness.record(false, "", T0)).isTrue();
    assertThat(liveness.record(true, "", T0)).isTrue(); // the streak breaks
    assertThat(liveness.record(false, "", T0)).isTrue();
    assertThat(liveness.record(false, "", T0)).isTrue();
    assertThat(liveness.failedOut()).isFalse();
    assertThat(liveness.record(false, "boom", T0)).isFalse();
    assertThat(liveness.failedOut()).isTrue();
    assertThat(liveness.lastMessage()).isEqualTo("boom");
  }

  @Test
  void successThresholdCountsPassesInARowAndInitialDelayDelaysTheFirstCheck() {
    ProbeTracker readiness = new ProbeTracker(spec(2, 1, 5), T0, false);

    assertThat(readiness.due(T0.plusSeconds(4))).isFalse();
    assertThat(readiness.due(T0.plusSeconds(5))).isTrue();
    assertThat(readiness.record(true, "", T0.plusSeconds(5))).isFalse();
    assertThat(readiness.nextDue()).isEqualTo(T0.plusSeconds(15));
    assertThat(readiness.record(true, "", T0.plusSeconds(15))).isTrue();
    assertThat(readiness.record(false, "", T0.plusSeconds(25))).isFalse();
  }

  @Test
  void aDeclaredCheckProbesFastUntilItFirstPasses() {
    ProbeSpec declared = ProbeSpec.declared(new ImageEntry.DeclaredCheck(9090, Optional.empty()));
    ProbeTracker tracker = new ProbeTracker(declared, T0, false);

    tracker.record(false, "", T0);
    assertThat(tracker.nextDue()).isEqualTo(T0.plusMillis(100));
    tracker.record(true, "", T0);
    assertThat(tracker.nextDue()).isEqualTo(T0.plusSeconds(1));
  }

  static ProbeSpec spec(int success, int failure, int delay) {
    return new ProbeSpec(
        new ProbeSpec.Exec(java.util.List.of("true")),
        Duration.ofSeconds(delay),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        success,
        failure);
  }
}
