package io.canarymesh.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.store.ObjectStore;
import io.canarymesh.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch streams on a real store, read from the sink the HTTP layer would write out. */
class WatchHandlerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final KindRegistry REGISTRY = KindRegistry.standard();

  @TempDir Path dir;
  ObjectStore store;
  ResourceHandler resources;
  WatchHandler watches;
  ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

  /** The lines a client would read, and whether the stream ended. */
  static final class RecordingSink implements WatchSink {
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    volatile boolean ended;

    @Override
    public void send(byte[] json) {
      try {
        events.add(JSON.readTree(new String(json, StandardCharsets.UTF_8)));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public void end() {
      ended = true;
      onClose.forEach(Runnable::run);
    }

    @Override
    public void onClose(Runnable action) {
      onClose.add(action);
    }

    List<String> types() {
      return events.stream()
          .map(e -> e.path("type").asText() + " " + e.at("/object/metadata/name").asText())
          .toList();
    }
  }

  @BeforeEach
  void start() {
    store =
        ObjectStore.open(
            dir.resolve("s.db"),
            Clock.systemUTC(),
            StoreConfig.builder().retainedRevisions(5).build());
    io.canarymesh.apiserver.BuiltInNamespacesAccess.ensure(store);
    resources = new ResourceHandler(REGISTRY, store, Clock.systemUTC(), new SecureRandom());
    watches = new WatchHandler(store, resources, Clock.systemUTC(), timers, Duration.ofMillis(100));
  }

  @AfterEach
  void stop() {
    timers.shutdownNow();
    store.close();
  }

  ApiPath configMaps() {
    return ApiPath.parse("/api/v1/namespaces/default/configmaps", REGISTRY).orElseThrow();
  }

  ApiRequest request(Map<String, List<String>> query, String accept) {
    return new ApiRequest(
        "GET", "/api/v1/namespaces/default/configmaps", query, accept, "", new byte[0]);
  }

  String create(String name) {
    String body =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}";
    ApiResponse response =
        resources.handle(
            configMaps(),
            new ApiRequest(
                "POST",
                "/api/v1/namespaces/default/configmaps",
                Map.of(),
                "",
                "application/json",
                body.getBytes(StandardCharsets.UTF_8)));
    try {
      return JSON.readTree(response.body()).at("/metadata/resourceVersion").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void withoutAVersionTheCurrentObjectsComeFirstAsAdded() {
    create("a");
    RecordingSink sink = new RecordingSink();

    watches.watch(configMaps(), request(Map.of("watch", List.of("true")), ""), sink);
    create("b");

    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.events.size() == 2);
    assertThat(sink.types()).containsExactly("ADDED a", "ADDED b");
    sink.end();
  }

  @Test
  void fromAVersionOnlyLaterChangesAreSentAndBookmarksCarryTheLastSentVersion() {
    String from = create("a");
    create("b");
    RecordingSink sink = new RecordingSink();

    watches.watch(
        configMaps(),
        request(
            Map.of(
                "watch",
                List.of("true"),
                "resourceVersion",
                List.of(from),
                "allowWatchBookmarks",
                List.of("true")),
            ""),
        sink);

    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> sink.types().contains("BOOKMARK "));
    assertThat(sink.types().get(0)).isEqualTo("ADDED b");
    JsonNode bookmark =
        sink.events.stream()
            .filter(e -> e.path("type").asText().equals("BOOKMARK"))
            .findFirst()
            .orElseThrow();
    assertThat(bookmark.at("/object/kind").asText()).isEqualTo("ConfigMap");
    assertThat(Long.parseLong(bookmark.at("/object/metadata/resourceVersion").asText()))
        .isGreaterThanOrEqualTo(
            Long.parseLong(sink.events.get(0).at("/object/metadata/resourceVersion").asText()));
    sink.end();
  }

  @Test
  void tableWatchesSendOneRowTables() {
    create("a");
    RecordingSink sink = new RecordingSink();

    watches.watch(
        configMaps(),
        request(Map.of("watch", List.of("true")), "application/json;as=Table;v=v1;g=meta.k8s.io"),
        sink);

    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.events.size() == 1);
    JsonNode table = sink.events.get(0).path("object");
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("rows")).hasSize(1);
    assertThat(table.at("/rows/0/cells/0").asText()).isEqualTo("a");
    sink.end();
  }

  @Test
  void aCompactedVersionGetsAnErrorEventWith410() {
    String from = create("a");
    for (int i = 0; i < 10; i++) {
      create("c" + i);
    }
    store.compact();
    RecordingSink sink = new RecordingSink();

    watches.watch(
        configMaps(),
        request(Map.of("watch", List.of("true"), "resourceVersion", List.of(from)), ""),
        sink);

    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sink.ended);
    assertThat(sink.events).hasSize(1);
    assertThat(sink.events.get(0).path("type").asText()).isEqualTo("ERROR");
    assertThat(sink.events.get(0).at("/object/code").asInt()).isEqualTo(410);
    assertThat(sink.events.get(0).at("/object/message").asText())
        .startsWith("too old resource version");
  }
}
