package io.canarymesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

  @Test
  void defaults() {
    assertThat(StoreConfig.defaults())
        .isEqualTo(new StoreConfig(10_000, Optional.empty(), Duration.ofMinutes(1), 1_000, false));
  }

  @Test
  void rejectsValuesThatCannotWork() {
    assertThatThrownBy(() -> StoreConfig.builder().retainedRevisions(0).build())
        .hasMessage("retainedRevisions must be at least 1, got 0");
    assertThatThrownBy(() -> StoreConfig.builder().retentionWindow(Duration.ZERO).build())
        .hasMessage("retentionWindow must be positive, got Optional[PT0S]");
    assertThatThrownBy(
            () -> StoreConfig.builder().compactionInterval(Duration.ofSeconds(-1)).build())
        .hasMessage("compactionInterval must be positive, got PT-1S");
    assertThatThrownBy(() -> StoreConfig.builder().watchQueueCapacity(0).build())
        .hasMessage("watchQueueCapacity must be at least 1, got 0");
  }
}
