package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.ConnectionLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The circuit's counters, with the article's limits and a retry limit. */
class ClusterCircuitTest {
  private final ClusterCircuit circuit =
      new ClusterCircuit("c", new ConnectionLimits(10, 1, 100, 1, 2, Duration.ofHours(1)));

  @Test
  void connectionsPendingAndRetriesStopAtTheirLimits() {
    for (int i = 0; i < 10; i++) {
      assertThat(circuit.tryOpenConnection()).isTrue();
    }
    assertThat(circuit.tryOpenConnection()).isFalse();
    PendingAcquire first = new PendingAcquire(null, () -> {});
    assertThat(circuit.tryEnqueue(first)).isTrue();
    assertThat(circuit.tryEnqueue(new PendingAcquire(null, () -> {}))).isFalse();
    circuit.cancel(first);
    assertThat(circuit.pending).hasValue(0);
    assertThat(circuit.pollWaiter()).isNull(); // the cancelled waiter is skipped

    assertThat(circuit.tryStartRetry()).isTrue();
    assertThat(circuit.tryStartRetry()).isTrue();
    assertThat(circuit.tryStartRetry()).isFalse();
    circuit.endRetry();
    assertThat(circuit.tryStartRetry()).isTrue();
  }
}
