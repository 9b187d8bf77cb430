package io.canarymesh.store;

import static io.canarymesh.store.TestObjects.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.canarymesh.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchTest {

  @TempDir Path dir;
  ObjectStore store;

  ObjectStore open(StoreConfig config) {
    store =
        ObjectStore.open(
            dir.resolve("state.db"),
            new MutableClock(Instant.parse("2025-03-01T09:30:00Z")),
            config);
    return store;
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Blocks a listener until the test releases it (not with Awaitility: it is not reentrant). */
  static void awaitRelease(CountDownLatch release) {
    try {
      if (!release.await(RecordingListener.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("the test never released the listener");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static ResourceKey configMapKey(String namespace, String name) {
    return new ResourceKey("configmaps", namespace, name);
  }

  @Test
  void aWatchGetsExactlyTheLaterLoggedEventsInOrderThenLiveOnes() throws StoreException {
    open(StoreConfig.defaults());
    store.create(configMapKey("default", "a"), configMap("1"));
    store.create(configMapKey("default", "b"), configMap("1"));
    store.create(configMapKey("default", "c"), configMap("1"));
    store.update(configMapKey("default", "a"), configMap("2"));
    store.delete(configMapKey("default", "b"), Preconditions.none());
    RecordingListener listener = new RecordingListener();

    Watch watch = store.watch("configmaps", Optional.empty(), 2, listener);
    try {
      assertThat(listener.awaitLines(3))
          .containsExactly("3 ADDED default/c", "4 MODIFIED default/a", "5 DELETED default/b");
      store.create(configMapKey("default", "d"), configMap("1"));

      assertThat(listener.awaitLines(4))
          .containsExactly(
              "3 ADDED default/c",
              "4 MODIFIED default/a",
              "5 DELETED default/b",
              "6 ADDED default/d");
    } finally {
      watch.close();
    }
    WatchEvent modified = listener.events.get(1);
    assertThat(modified.object().at("/data/value").asText()).isEqualTo("2");
    assertThat(modified.object().at("/metadata/resourceVersion").asText()).isEqualTo("4");
    assertThat(listener.events.get(2).object().at("/metadata/resourceVersion").asText())
        .as("a DELETED event carries the deleting revision")
        .isEqualTo("5");
    assertThat(listener.closedWith.get()).isNull();
  }

  @Test
  void aWatchSeesOnlyItsResourceAndNamespace() throws StoreException {
    open(StoreConfig.defaults());
    RecordingListener inA = new RecordingListener();
    RecordingListener everywhere = new RecordingListener();
    store.watch("configmaps", Optional.of("a"), 0, inA);
    store.watch("configmaps", Optional.empty(), 0, everywhere);

    store.create(configMapKey("a", "one"), configMap("1"));
    store.create(configMapKey("b", "one"), configMap("1"));
    store.create(new ResourceKey("secrets", "a", "one"), configMap("1"));
    store.create(configMapKey("a", "two"), configMap("1"));

    assertThat(everywhere.awaitLines(3))
        .containsExactly("1 ADDED a/one", "2 ADDED b/one", "4 ADDED a/two");
    assertThat(inA.awaitLines(2)).containsExactly("1 ADDED a/one", "4 ADDED a/two");
  }

  @Test
  void aWatchCatchesUpThroughALogLongerThanOnePage() throws StoreException {
    open(StoreConfig.defaults());
    store.transaction(
        tx -> {
          for (int i = 1; i <= 1_200; i++) {
            tx.create(configMapKey("default", "cm-" + i), configMap("v"));
          }
          return null;
        });
    RecordingListener listener = new RecordingListener();

    store.watch("configmaps", Optional.empty(), 100, listener);
    store.create(configMapKey("default", "live"), configMap("v"));

    List<String> expected = new ArrayList<>();
    IntStream.rangeClosed(101, 1_200).forEach(i -> expected.add(i + " ADDED default/cm-" + i));
    expected.add("1201 ADDED default/live");
    assertThat(listener.awaitLines(1_101)).containsExactlyElementsOf(expected);
  }

  @Test
  void anUpdateThatChangesNothingEmitsNoEvent() throws StoreException {
    open(StoreConfig.defaults());
    store.create(configMapKey("default", "a"), configMap("1"));
    RecordingListener listener = new RecordingListener();
    store.watch("configmaps", Optional.empty(), store.currentRevision(), listener);

    store.update(configMapKey("default", "a"), configMap("1"));
    store.update(configMapKey("default", "a"), configMap("2"));

    assertThat(listener.awaitLines(1)).containsExactly("2 MODIFIED default/a");
  }

  @Test
  void watchingFromACompactedRevisionIsGone() throws StoreException {
    open(StoreConfig.builder().retainedRevisions(3).build());
    for (int i = 1; i <= 8; i++) {
      store.create(configMapKey("default", "cm-" + i), configMap("v"));
    }
    assertThat(store.compact()).isEqualTo(5);

    assertThatThrownBy(
            () -> store.watch("configmaps", Optional.empty(), 4, new RecordingListener()))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.GONE))
        .hasMessage("too old resource version: 4 (5)");
    RecordingListener fromTheEdge = new RecordingListener();
    store.watch("configmaps", Optional.empty(), 5, fromTheEdge);
    assertThat(fromTheEdge.awaitLines(3))
        .containsExactly("6 ADDED default/cm-6", "7 ADDED default/cm-7", "8 ADDED default/cm-8");
  }

  @Test
  void compactionOvertakingAWatchStillCatchingUpEndsItAsGone() throws StoreException {
    open(StoreConfig.builder().retainedRevisions(100).build());
    store.transaction(
        tx -> {
          for (int i = 1; i <= 1_200; i++) {
            tx.create(configMapKey("default", "cm-" + i), configMap("v"));
          }
          return null;
        });
    CountDownLatch firstEvent = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingListener listener =
        new RecordingListener() {
          @Override
          public void onEvent(WatchEvent event) {
            super.onEvent(event);
            firstEvent.countDown();
            awaitRelease(release);
          }
        };

    store.watch("configmaps", Optional.empty(), 0, listener);
    await().atMost(RecordingListener.PATIENCE).until(() -> firstEvent.getCount() == 0);
    store.compact();
    release.countDown();

    assertThat(listener.awaitClosed())
        .hasMessage("too old resource version: 500 (1100)")
        .extracting(StoreException::reason)
        .isEqualTo(StoreException.Reason.GONE);
    assertThat(listener.events).hasSize(500);
  }

  @Test
  void aSlowWatcherIsClosedWithoutSlowingWritersOrOtherWatchers() throws StoreException {
    open(StoreConfig.builder().watchQueueCapacity(4).build());
    CountDownLatch release = new CountDownLatch(1);
    RecordingListener slow =
        new RecordingListener() {
          @Override
          public void onEvent(WatchEvent event) {
            super.onEvent(event);
            awaitRelease(release);
          }
        };
    RecordingListener fast = new RecordingListener();
    store.watch("configmaps", Optional.empty(), 0, slow);
    store.watch("configmaps", Optional.empty(), 0, fast);

    // one at a time, so that only the slow watcher can fall behind (a burst bigger than the
    // queue would overflow any watcher whose thread has not run yet)
    for (int i = 1; i <= 10; i++) {
      store.create(configMapKey("default", "cm-" + i), configMap("v"));
      fast.awaitLines(i);
    }
    List<String> all = fast.lines();
    release.countDown();

    assertThat(slow.awaitClosed())
        .hasMessage(
            "watch of configmaps closed: the watcher fell more than 4 events behind; list again"
                + " and watch from the list's resourceVersion")
        .extracting(StoreException::reason)
        .isEqualTo(StoreException.Reason.TOO_SLOW);
    assertThat(slow.lines()).hasSizeLessThan(10);
    assertThat(all).startsWith(slow.lines().toArray(String[]::new));
    store.create(configMapKey("default", "cm-11"), configMap("v"));
    assertThat(fast.awaitLines(11)).endsWith("11 ADDED default/cm-11");
    assertThat(fast.closedWith.get()).isNull();
  }

  @Test
  void closingAWatchStopsDelivery() throws StoreException {
    open(StoreConfig.defaults());
    RecordingListener closed = new RecordingListener();
    RecordingListener open = new RecordingListener();
    Watch watch = store.watch("configmaps", Optional.empty(), 0, closed);
    store.watch("configmaps", Optional.empty(), 0, open);
    store.create(configMapKey("default", "a"), configMap("1"));
    closed.awaitLines(1);

    watch.close();
    store.create(configMapKey("default", "b"), configMap("1"));

    assertThat(open.awaitLines(2)).containsExactly("1 ADDED default/a", "2 ADDED default/b");
    assertThat(closed.lines()).containsExactly("1 ADDED default/a");
    assertThat(closed.closedWith.get()).as("no onClosed after the caller's own close").isNull();
  }

  @Test
  void closingTheStoreEndsEveryWatch() {
    open(StoreConfig.defaults());
    RecordingListener listener = new RecordingListener();
    try {
      store.watch("configmaps", Optional.empty(), 0, listener);
    } catch (StoreException e) {
      throw new AssertionError(e);
    }

    store.close();

    assertThat(listener.awaitClosed())
        .hasMessage("the store is closed")
        .extracting(StoreException::reason)
        .isEqualTo(StoreException.Reason.CLOSED);
  }

  @Test
  void theCurrentRevisionServesAsABookmark() throws StoreException {
    open(StoreConfig.defaults());
    store.create(configMapKey("default", "a"), configMap("1"));
    store.create(new ResourceKey("secrets", "default", "s"), configMap("1"));

    assertThat(store.currentRevision()).isEqualTo(2);
    assertThat(store.list("configmaps", Optional.empty()).revision()).isEqualTo(2);
  }
}
