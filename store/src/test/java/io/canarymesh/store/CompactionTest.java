package io.canarymesh.store;

import static io.canarymesh.store.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.canarymesh.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionTest {

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:30:00Z"));
  ObjectStore store;

  void open(StoreConfig config) {
    store = ObjectStore.open(dir.resolve("state.db"), clock, config);
  }

  @AfterEach
  void close() {
    store.close();
  }

  void write(int count) throws StoreException {
    for (int i = 0; i < count; i++) {
      long next = store.currentRevision() + 1;
      store.create(new ResourceKey("configmaps", "default", "cm-" + next), configMap("v"));
    }
  }

  @Test
  void theLogKeepsTheLastRetainedRevisionsAndObjectsStay() throws StoreException {
    open(StoreConfig.builder().retainedRevisions(3).build());
    write(10);

    assertThat(store.compact()).isEqualTo(7);

    assertThat(store.compactedRevision()).isEqualTo(7);
    assertThat(store.list("configmaps", Optional.empty()).items()).hasSize(10);
    assertThatThrownBy(
            () -> store.watch("configmaps", Optional.empty(), 6, new RecordingListener()))
        .hasMessage("too old resource version: 6 (7)");
  }

  @Test
  void compactingWithNothingToDropChangesNothing() throws StoreException {
    open(StoreConfig.builder().retainedRevisions(3).build());
    write(2);

    assertThat(store.compact()).isZero();
    write(3);
    assertThat(store.compact()).isEqualTo(2);
    assertThat(store.compact()).isEqualTo(2);
  }

  @Test
  void theTimeWindowDropsOlderEntriesEvenWithinTheRetainedCount() throws StoreException {
    open(StoreConfig.builder().retentionWindow(Duration.ofMinutes(5)).build());
    write(3);
    clock.advance(Duration.ofMinutes(4));
    write(2);
    clock.advance(Duration.ofMinutes(2));

    assertThat(store.compact()).as("revisions 1-3 are 6 minutes old").isEqualTo(3);
    clock.advance(Duration.ofMinutes(10));
    assertThat(store.compact()).as("everything is old; a watch from now still works").isEqualTo(5);

    RecordingListener listener = new RecordingListener();
    store.watch("configmaps", Optional.empty(), 5, listener);
    write(1);
    assertThat(listener.awaitLines(1)).containsExactly("6 ADDED default/cm-6");
  }

  @Test
  void compactionRunsPeriodicallyAndSurvivesReopening() throws StoreException {
    open(
        StoreConfig.builder()
            .retainedRevisions(2)
            .compactionInterval(Duration.ofMillis(20))
            .build());
    write(5);

    await().atMost(RecordingListener.PATIENCE).until(() -> store.compactedRevision() == 3);
    store.close();
    open(StoreConfig.defaults());

    assertThat(store.compactedRevision()).isEqualTo(3);
    assertThat(store.currentRevision()).isEqualTo(5);
  }
}
