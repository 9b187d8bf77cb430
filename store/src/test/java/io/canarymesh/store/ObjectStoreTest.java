package io.canarymesh.store;

import static io.canarymesh.store.TestObjects.configMap;
import static io.canarymesh.store.TestObjects.deployment;
import static io.canarymesh.store.TestObjects.json;
import static io.canarymesh.store.TestObjects.metadata;
import static io.canarymesh.store.TestObjects.resourceVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectStoreTest {

  static final ResourceKey WEB = new ResourceKey("apps/deployments", "default", "web");

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:30:00.750Z"));
  ObjectStore store;

  @BeforeEach
  void open() {
    store = ObjectStore.open(dir.resolve("state.db"), clock, StoreConfig.defaults());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void createStampsTheServerOwnedMetadataAndGetReturnsIt() throws StoreException {
    ObjectNode request = deployment("nginx:1.27");
    ObjectNode requestBefore = request.deepCopy();

    ObjectNode created = store.create(WEB, request);

    ObjectNode metadata = metadata(created);
    assertThat(metadata.path("name").asText()).isEqualTo("web");
    assertThat(metadata.path("namespace").asText()).isEqualTo("default");
    assertThat(metadata.path("uid").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(metadata.path("creationTimestamp").asText()).isEqualTo("2025-03-01T09:30:00Z");
    assertThat(metadata.path("generation").asLong()).isEqualTo(1);
    assertThat(metadata.path("resourceVersion").asText()).isEqualTo("1");
    assertThat(created.path("spec")).isEqualTo(request.path("spec"));
    assertThat(request).as("the caller's object is left alone").isEqualTo(requestBefore);
    assertThat(store.get(WEB)).contains(created);
    assertThat(store.currentRevision()).isEqualTo(1);
  }

  @Test
  void createReplacesWhatTheCallerSentForServerOwnedFields() throws StoreException {
    ObjectNode request = deployment("nginx");
    metadata(request)
        .put("name", "other")
        .put("namespace", "elsewhere")
        .put("uid", "mine")
        .put("creationTimestamp", "2001-01-01T00:00:00Z")
        .put("resourceVersion", "77")
        .put("generation", 9)
        .put("deletionTimestamp", "2001-01-01T00:00:00Z");

    ObjectNode metadata = metadata(store.create(WEB, request));

    assertThat(metadata.path("name").asText()).isEqualTo("web");
    assertThat(metadata.path("namespace").asText()).isEqualTo("default");
    assertThat(metadata.path("uid").asText()).isNotEqualTo("mine");
    assertThat(metadata.path("creationTimestamp").asText()).isEqualTo("2025-03-01T09:30:00Z");
    assertThat(metadata.path("resourceVersion").asText()).isEqualTo("1");
    assertThat(metadata.path("generation").asLong()).isEqualTo(1);
    assertThat(metadata.has("deletionTimestamp")).isFalse();
  }

  @Test
  void clusterScopedObjectsHaveNoNamespace() throws StoreException {
    ResourceKey key = ResourceKey.cluster("namespaces", "team-a");
    ObjectNode request = json("{'apiVersion': 'v1', 'kind': 'Namespace'}");

    ObjectNode created = store.create(key, request);

    assertThat(metadata(created).has("namespace")).isFalse();
    assertThat(store.list("namespaces", Optional.empty()).items()).containsExactly(created);
  }

  @Test
  void createOfATakenKeyIsAlreadyExistsAndWritesNothing() throws StoreException {
    ObjectNode first = store.create(WEB, deployment("nginx:1"));

    assertThatThrownBy(() -> store.create(WEB, deployment("nginx:2")))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.ALREADY_EXISTS))
        .hasMessage("deployments.apps \"web\" already exists");
    assertThat(store.get(WEB)).contains(first);
    assertThat(store.currentRevision()).isEqualTo(1);
  }

  @Test
  void missingObjectsAreAbsentOnGetAndNotFoundOnWrites() {
    ResourceKey pod = new ResourceKey("pods", "default", "ghost");

    assertThat(store.get(pod)).isEmpty();
    assertNotFound(() -> store.update(pod, json("{}")), "pods \"ghost\" not found");
    assertNotFound(() -> store.update(pod, json("{}"), "1"), "pods \"ghost\" not found");
    assertNotFound(() -> store.delete(pod, Preconditions.none()), "pods \"ghost\" not found");
  }

  @Test
  void updateTakesTheNextRevisionAndKeepsUidAndCreationTimestamp() throws StoreException {
    ObjectNode created = store.create(WEB, deployment("nginx:1"));
    clock.advance(Duration.ofHours(1));
    ObjectNode request = deployment("nginx:2");
    metadata(request).put("uid", "forged").put("creationTimestamp", "2001-01-01T00:00:00Z");

    ObjectNode updated = store.update(WEB, request);

    assertThat(resourceVersion(updated)).isEqualTo("2");
    assertThat(metadata(updated).path("uid")).isEqualTo(metadata(created).path("uid"));
    assertThat(metadata(updated).path("creationTimestamp").asText())
        .isEqualTo("2025-03-01T09:30:00Z");
    assertThat(updated.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:2");
    assertThat(store.get(WEB)).contains(updated);
    assertThat(store.currentRevision()).isEqualTo(2);
  }

  @Test
  void updateIsCompareAndSwapOnTheResourceVersionInTheObject() throws StoreException {
    ObjectNode created = store.create(WEB, deployment("nginx:1"));
    ObjectNode first = created.deepCopy();
    first.withObjectProperty("spec").put("replicas", 2);
    store.update(WEB, first);

    ObjectNode stale = created.deepCopy();
    stale.withObjectProperty("spec").put("replicas", 3);

    assertThatThrownBy(() -> store.update(WEB, stale))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CONFLICT))
        .hasMessage(
            "Operation cannot be fulfilled on deployments.apps \"web\": the object has been"
                + " modified; please apply your changes to the latest version and try again");
    assertThat(store.get(WEB).orElseThrow().at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(store.currentRevision()).isEqualTo(2);
  }

  @Test
  void updateIsCompareAndSwapOnTheExpectedResourceVersion() throws StoreException {
    store.create(WEB, deployment("nginx:1"));
    store.update(WEB, deployment("nginx:2"));

    assertThatThrownBy(() -> store.update(WEB, deployment("nginx:3"), "1"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the object has been modified");
    ObjectNode updated = store.update(WEB, deployment("nginx:3"), "2");

    assertThat(resourceVersion(updated)).isEqualTo("3");
  }

  @Test
  void anEmptyResourceVersionIsNoPrecondition() throws StoreException {
    store.create(WEB, deployment("nginx:1"));
    ObjectNode request = deployment("nginx:2");
    metadata(request).put("resourceVersion", "");

    assertThat(resourceVersion(store.update(WEB, request))).isEqualTo("2");
  }

  static Stream<Arguments> generationRules() {
    return Stream.of(
        Arguments.of(
            "a new image",
            (Consumer<ObjectNode>)
                o -> o.withObject("/spec/template/spec/containers/0").put("image", "nginx:2"),
            2),
        Arguments.of(
            "spec.paused",
            (Consumer<ObjectNode>) o -> o.withObjectProperty("spec").put("paused", true),
            2),
        Arguments.of(
            "a field beside spec",
            (Consumer<ObjectNode>) o -> o.putObject("data").put("k", "v"),
            2),
        Arguments.of(
            "a label",
            (Consumer<ObjectNode>) o -> o.withObject("/metadata/labels").put("x", "y"),
            1),
        Arguments.of(
            "an annotation",
            (Consumer<ObjectNode>)
                o -> o.withObject("/metadata/annotations").put("kubernetes.io/change-cause", "x"),
            1),
        Arguments.of(
            "status",
            (Consumer<ObjectNode>) o -> o.putObject("status").put("observedGeneration", 1),
            1),
        Arguments.of(
            "finalizers",
            (Consumer<ObjectNode>) o -> o.withObject("/metadata").putArray("finalizers").add("f"),
            1));
  }

  @ParameterizedTest(name = "{0} → generation {2}")
  @MethodSource("generationRules")
  void generationCountsSpecChangesOnly(String change, Consumer<ObjectNode> edit, long generation)
      throws StoreException {
    ObjectNode object = store.create(WEB, deployment("nginx:1"));
    edit.accept(object);

    ObjectNode updated = store.update(WEB, object);

    assertThat(metadata(updated).path("generation").asLong()).isEqualTo(generation);
    assertThat(resourceVersion(updated)).isEqualTo("2");
  }

  @Test
  void anUpdateThatChangesNothingKeepsTheRevision() throws StoreException {
    ObjectNode created = store.create(WEB, deployment("nginx:1"));
    // the same content, fields in another order, no resourceVersion, a forged uid
    ObjectNode same =
        json(
            """
            {'spec': {'template': {'spec': {'containers': [{'image': 'nginx:1', 'name': 'web'}]},
                                   'metadata': {'labels': {'app': 'web'}}},
                      'selector': {'matchLabels': {'app': 'web'}}, 'replicas': 1},
             'metadata': {'labels': {'app': 'web'}, 'uid': 'forged'},
             'kind': 'Deployment', 'apiVersion': 'apps/v1'}
            """);

    ObjectNode result = store.update(WEB, same);

    assertThat(result).isEqualTo(created);
    assertThat(store.currentRevision()).isEqualTo(1);
  }

  @Test
  void deleteRemovesTheObjectAndReturnsItAtTheDeletingRevision() throws StoreException {
    ObjectNode created = store.create(WEB, deployment("nginx:1"));

    Deletion deletion = store.delete(WEB, Preconditions.none());

    assertThat(deletion.removed()).isTrue();
    assertThat(resourceVersion(deletion.object())).isEqualTo("2");
    assertThat(deletion.object().path("spec")).isEqualTo(created.path("spec"));
    assertThat(store.get(WEB)).isEmpty();
    assertThat(store.currentRevision()).isEqualTo(2);
    assertNotFound(
        () -> store.delete(WEB, Preconditions.none()), "deployments.apps \"web\" not found");
  }

  @Test
  void deletePreconditionsMustHold() throws StoreException {
    ObjectNode created = store.create(WEB, deployment("nginx:1"));
    String uid = metadata(created).path("uid").asText();

    assertThatThrownBy(() -> store.delete(WEB, Preconditions.uid("other-uid")))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "Operation cannot be fulfilled on deployments.apps \"web\": Precondition failed: UID in"
                + " precondition: other-uid, UID in object meta: "
                + uid);
    assertThatThrownBy(() -> store.delete(WEB, Preconditions.resourceVersion("7")))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "Operation cannot be fulfilled on deployments.apps \"web\": Precondition failed:"
                + " ResourceVersion in precondition: 7, ResourceVersion in object meta: 1");
    assertThat(store.get(WEB)).isPresent();

    assertThat(store.delete(WEB, new Preconditions(Optional.of(uid), Optional.of("1"))).removed())
        .isTrue();
  }

  @Test
  void finalizersHoldADeleteUntilAnUpdateEmptiesThem() throws StoreException {
    ObjectNode request = deployment("nginx:1");
    metadata(request).putArray("finalizers").add("example.com/cleanup");
    store.create(WEB, request);
    clock.advance(Duration.ofMinutes(5));

    Deletion marked = store.delete(WEB, Preconditions.none());

    assertThat(marked.removed()).isFalse();
    ObjectNode metadata = metadata(marked.object());
    assertThat(metadata.path("deletionTimestamp").asText()).isEqualTo("2025-03-01T09:35:00Z");
    assertThat(metadata.path("deletionGracePeriodSeconds").asLong()).isZero();
    assertThat(metadata.path("generation").asLong()).isEqualTo(2);
    assertThat(metadata.path("resourceVersion").asText()).isEqualTo("2");
    assertThat(store.get(WEB)).contains(marked.object());

    clock.advance(Duration.ofMinutes(1));
    Deletion again = store.delete(WEB, Preconditions.none());
    assertThat(again).isEqualTo(marked);
    assertThat(store.currentRevision()).isEqualTo(2);

    ObjectNode tryToUndelete = marked.object().deepCopy();
    metadata(tryToUndelete).remove("deletionTimestamp");
    metadata(tryToUndelete).withObjectProperty("labels").put("touched", "yes");
    ObjectNode stillMarked = store.update(WEB, tryToUndelete);
    assertThat(metadata(stillMarked).path("deletionTimestamp").asText())
        .isEqualTo("2025-03-01T09:35:00Z");

    ObjectNode finalized = stillMarked.deepCopy();
    metadata(finalized).putArray("finalizers");
    ObjectNode last = store.update(WEB, finalized);

    assertThat(resourceVersion(last)).isEqualTo("4");
    assertThat(store.get(WEB)).isEmpty();
    assertThat(store.currentRevision()).isEqualTo(4);
  }

  @Test
  void aGracefulDeleteMarksTheObjectUntilAPlainDeleteRemovesIt() throws StoreException {
    ResourceKey pod = new ResourceKey("pods", "default", "web-1");
    store.create(pod, configMap("x"));

    Deletion marked = store.transaction(tx -> tx.deleteGracefully(pod, Preconditions.none(), 30));

    assertThat(marked.removed()).isFalse();
    ObjectNode metadata = metadata(marked.object());
    assertThat(metadata.path("deletionTimestamp").asText()).isEqualTo("2025-03-01T09:30:30Z");
    assertThat(metadata.path("deletionGracePeriodSeconds").asLong()).isEqualTo(30);
    assertThat(metadata.path("generation").asLong()).isEqualTo(2);

    // a status write while terminating keeps the object (no finalizers, but grace left)
    ObjectNode status = marked.object().deepCopy();
    status.putObject("status").put("phase", "Running");
    assertThat(metadata(store.update(pod, status)).path("deletionGracePeriodSeconds").asLong())
        .isEqualTo(30);
    assertThat(store.get(pod)).isPresent();

    // longer grace changes nothing, shorter grace shortens it
    assertThat(
            metadata(
                    store
                        .transaction(tx -> tx.deleteGracefully(pod, Preconditions.none(), 60))
                        .object())
                .path("deletionGracePeriodSeconds")
                .asLong())
        .isEqualTo(30);
    Deletion shorter = store.transaction(tx -> tx.deleteGracefully(pod, Preconditions.none(), 5));
    assertThat(metadata(shorter.object()).path("deletionTimestamp").asText())
        .isEqualTo("2025-03-01T09:30:05Z");
    assertThat(metadata(shorter.object()).path("generation").asLong()).isEqualTo(2);

    assertThat(store.delete(pod, Preconditions.none()).removed()).isTrue();
    assertThat(store.get(pod)).isEmpty();
  }

  @Test
  void listFiltersByResourceAndNamespaceAndCarriesTheRevision() throws StoreException {
    store.create(new ResourceKey("configmaps", "b", "one"), configMap("b1"));
    store.create(new ResourceKey("configmaps", "a", "two"), configMap("a2"));
    store.create(new ResourceKey("configmaps", "a", "one"), configMap("a1"));
    store.create(new ResourceKey("secrets", "a", "one"), configMap("s"));

    ObjectList all = store.list("configmaps", Optional.empty());
    ObjectList inA = store.list("configmaps", Optional.of("a"));

    assertThat(all.items())
        .extracting(o -> o.at("/data/value").asText())
        .containsExactly("a1", "a2", "b1");
    assertThat(inA.items())
        .extracting(o -> o.at("/data/value").asText())
        .containsExactly("a1", "a2");
    assertThat(all.revision()).isEqualTo(4);
    assertThat(store.list("services", Optional.empty())).isEqualTo(new ObjectList(List.of(), 4));
  }

  @Test
  void reopeningResumesWithTheSameObjectsRevisionsAndLog() throws StoreException {
    ResourceKey config = new ResourceKey("configmaps", "default", "settings");
    ObjectNode web = store.create(WEB, deployment("nginx:1"));
    store.create(config, configMap("v1"));
    ObjectNode settings = store.update(config, configMap("v2"));
    store.delete(WEB, Preconditions.none());
    ObjectNode webAgain = store.create(WEB, deployment("nginx:2"));
    store.close();

    store = ObjectStore.open(dir.resolve("state.db"), clock, StoreConfig.defaults());

    assertThat(store.currentRevision()).isEqualTo(5);
    assertThat(store.get(config)).contains(settings);
    assertThat(store.get(WEB)).contains(webAgain);
    assertThat(metadata(webAgain).path("uid")).isNotEqualTo(metadata(web).path("uid"));
    RecordingListener listener = new RecordingListener();
    Watch watch = store.watch("configmaps", Optional.empty(), 0, listener);
    try {
      assertThat(listener.awaitLines(2))
          .containsExactly("2 ADDED default/settings", "3 MODIFIED default/settings");
    } finally {
      watch.close();
    }
    assertThat(resourceVersion(store.update(config, configMap("v3")))).isEqualTo("6");
  }

  @Test
  void aStoreThatSyncsEveryCommitKeepsItsWritesToo() throws StoreException {
    Path file = dir.resolve("synced.db");
    StoreConfig synced = StoreConfig.builder().syncEveryCommit(true).build();
    ObjectNode created;
    try (ObjectStore other = ObjectStore.open(file, clock, synced)) {
      created = other.create(WEB, deployment("nginx:1"));
    }

    try (ObjectStore reopened = ObjectStore.open(file, clock, synced)) {
      assertThat(reopened.get(WEB)).contains(created);
    }
  }

  @Test
  void aSecondStoreOnTheSameFileCannotOpen() {
    assertThatThrownBy(
            () -> ObjectStore.open(dir.resolve("state.db"), clock, StoreConfig.defaults()))
        .isInstanceOf(StorageFailureException.class)
        .hasMessageStartingWith("cannot open the object store " + dir.resolve("state.db"))
        .hasMessageContaining("locked");
  }

  @Test
  void aClosedStoreRefusesToWork() {
    store.close();

    assertThatThrownBy(() -> store.get(WEB))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the object store " + dir.resolve("state.db") + " is closed");
    store.close(); // closing twice is harmless
  }

  private static void assertNotFound(ThrowingWrite write, String message) {
    assertThatThrownBy(write::run)
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.NOT_FOUND))
        .hasMessage(message);
  }

  @FunctionalInterface
  interface ThrowingWrite {
    Object run() throws StoreException;
  }
}
