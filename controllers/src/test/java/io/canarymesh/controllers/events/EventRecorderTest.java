package io.canarymesh.controllers.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.apiserver.ControlPlane;
import io.canarymesh.controllers.TestCluster;
import io.canarymesh.testing.MutableClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class EventRecorderTest {
  @TempDir Path dir;

  @Test
  void repeatsOfTheSameEventRaiseItsCountInsteadOfAddingEvents() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-02T10:00:00Z"));
    TestCluster.copyCredentials(dir);
    try (ControlPlane cp = ControlPlane.start(dir, new InetSocketAddress("127.0.0.1", 0), clock);
        KubernetesClient client = TestCluster.client(cp)) {
      ConfigMap object =
          client
              .resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName("app")
                      .withNamespace("default")
                      .endMetadata()
                      .build())
              .create();
      EventRecorder recorder = new EventRecorder(client, clock, "test-controller");

      recorder.record(object, EventRecorder.NORMAL, "Synced", "all good");
      clock.advance(Duration.ofSeconds(30));
      recorder.record(object, EventRecorder.NORMAL, "Synced", "all good");
      clock.advance(Duration.ofSeconds(30));
      recorder.record(object, EventRecorder.NORMAL, "Synced", "all good");
      recorder.record(object, EventRecorder.WARNING, "Failed", "broken");

      List<Event> events =
          client.v1().events().inNamespace("default").list().getItems().stream()
              .sorted(Comparator.comparing(Event::getReason).reversed())
              .toList();
      assertThat(events).hasSize(2);
      Event synced = events.getFirst();
      assertThat(synced.getMetadata().getName()).matches("app\\.[0-9a-f]+");
      assertThat(synced.getCount()).isEqualTo(3);
      assertThat(synced.getFirstTimestamp()).isEqualTo("2026-01-02T10:00:00Z");
      assertThat(synced.getLastTimestamp()).isEqualTo("2026-01-02T10:01:00Z");
      assertThat(synced.getSource().getComponent()).isEqualTo("test-controller");
      assertThat(synced.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
      assertThat(synced.getInvolvedObject().getUid()).isEqualTo(object.getMetadata().getUid());
      assertThat(synced.getType()).isEqualTo("Normal");
      assertThat(events.get(1).getCount()).isEqualTo(1);
      assertThat(events.get(1).getType()).isEqualTo("Warning");

      // The event deleted meanwhile: the next repeat starts a new one.
      client.resource(synced).delete();
      recorder.record(object, EventRecorder.NORMAL, "Synced", "all good");
      Event fresh =
          client.v1().events().inNamespace("default").list().getItems().stream()
              .filter(e -> e.getReason().equals("Synced"))
              .findFirst()
              .orElseThrow();
      assertThat(fresh.getCount()).isEqualTo(1);
      assertThat(fresh.getMetadata().getName()).isNotEqualTo(synced.getMetadata().getName());
    }
  }
}
