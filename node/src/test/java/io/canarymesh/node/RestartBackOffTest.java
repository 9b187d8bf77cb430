package io.canarymesh.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartBackOffTest {
  final RestartBackOff backOff = RestartBackOff.kubernetes();

  @Test
  void firstRestartIsImmediateThenTenSecondsDoublingUpToFiveMinutes() {
    List<Long> waits = new ArrayList<>();
    int backOffs = 0;
    for (int crash = 0; crash < 9; crash++) {
      Duration ran = Duration.ofSeconds(1);
      waits.add(backOff.delay(backOffs, ran).toSeconds());
      backOffs = backOff.next(backOffs, ran);
    }
    assertThat(waits).containsExactly(0L, 10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L);
  }

  @Test
  void tenMinutesOfRunningResetsTheBackOff() {
    assertThat(backOff.delay(5, Duration.ofMinutes(10))).isZero();
    assertThat(backOff.next(5, Duration.ofMinutes(10))).isEqualTo(1);
    assertThat(backOff.delay(1, Duration.ofMinutes(9))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void humanDurationsReadAsGoPrintsThem() {
    assertThat(ContainerRunner.humanDuration(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(ContainerRunner.humanDuration(Duration.ofSeconds(160))).isEqualTo("2m40s");
    assertThat(ContainerRunner.humanDuration(Duration.ofMinutes(5))).isEqualTo("5m0s");
  }
}
