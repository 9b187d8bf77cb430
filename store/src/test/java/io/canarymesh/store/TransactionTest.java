package io.canarymesh.store;

import static io.canarymesh.store.TestObjects.configMap;
import static io.canarymesh.store.TestObjects.resourceVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionTest {

  static final ResourceKey A = new ResourceKey("configmaps", "default", "a");
  static final ResourceKey B = new ResourceKey("configmaps", "default", "b");
  static final ResourceKey C = new ResourceKey("configmaps", "default", "c");
  static final ResourceKey D = new ResourceKey("configmaps", "default", "d");

  @TempDir Path dir;
  ObjectStore store;
  final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void open() throws StoreException {
    store =
        ObjectStore.open(
            dir.resolve("state.db"),
            new MutableClock(Instant.parse("2025-03-01T09:30:00Z")),
            StoreConfig.defaults());
    store.create(B, configMap("b1"));
    store.create(C, configMap("c1"));
    store.watch("configmaps", Optional.empty(), store.currentRevision(), listener);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void writesCommitTogetherWithOneRevisionEachAndEventsInOrder() throws StoreException {
    List<ObjectNode> written =
        store.transaction(
            tx -> List.of(tx.create(A, configMap("a1")), tx.update(B, configMap("b2"))));

    assertThat(written).extracting(TestObjects::resourceVersion).containsExactly("3", "4");
    assertThat(store.get(A)).contains(written.get(0));
    assertThat(store.get(B)).contains(written.get(1));
    assertThat(listener.awaitLines(2)).containsExactly("3 ADDED default/a", "4 MODIFIED default/b");
  }

  @Test
  void aFailingWriteRollsBackTheOthersAndEmitsNothing() throws StoreException {
    ObjectNode bBefore = store.get(B).orElseThrow();

    assertThatThrownBy(
            () ->
                store.transaction(
                    tx -> {
                      tx.create(A, configMap("a1"));
                      tx.update(B, configMap("b2"));
                      tx.delete(C, Preconditions.none());
                      return tx.create(B, configMap("again"));
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessage("configmaps \"b\" already exists");

    assertThat(store.get(A)).isEmpty();
    assertThat(store.get(B)).contains(bBefore);
    assertThat(store.get(C)).isPresent();
    assertThat(store.currentRevision()).isEqualTo(2);
    ObjectNode d = store.create(D, configMap("d1"));
    assertThat(resourceVersion(d)).as("the rolled-back revisions are reused").isEqualTo("3");
    assertThat(listener.awaitLines(1))
        .as("the watch saw nothing of the rolled-back transaction")
        .containsExactly("3 ADDED default/d");
  }

  @Test
  void anUncheckedExceptionRollsBackToo() {
    assertThatThrownBy(
            () ->
                store.transaction(
                    tx -> {
                      tx.create(A, configMap("a1"));
                      throw new IllegalArgumentException("admission failed");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("admission failed");

    assertThat(store.get(A)).isEmpty();
    assertThat(store.currentRevision()).isEqualTo(2);
  }

  @Test
  void readsInsideSeeTheTransactionsOwnWrites() throws StoreException {
    Optional<ObjectNode> seen =
        store.transaction(
            tx -> {
              tx.update(B, configMap("b2"));
              return tx.get(B);
            });

    assertThat(seen.orElseThrow().at("/data/value").asText()).isEqualTo("b2");
  }

  @Test
  void aTransactionCannotBeNestedNorUsedAfterItEnds() throws StoreException {
    assertThatThrownBy(
            () ->
                store.transaction(
                    tx -> {
                      tx.create(A, configMap("a1"));
                      return store.create(D, configMap("d1"));
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a transaction is already open on this thread: write through its Transaction");
    assertThat(store.get(A)).isEmpty();
    assertThat(store.get(D)).isEmpty();

    AtomicReference<Transaction> escaped = new AtomicReference<>();
    store.transaction(
        tx -> {
          escaped.set(tx);
          return null;
        });
    assertThatThrownBy(() -> escaped.get().create(A, configMap("late")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "this transaction has ended: use a Transaction only inside its TransactionBody");
  }

  @Test
  void aTransactionThatWritesNothingKeepsTheRevision() throws StoreException {
    store.transaction(tx -> tx.update(B, store.get(B).orElseThrow()));

    assertThat(store.currentRevision()).isEqualTo(2);
  }
}
