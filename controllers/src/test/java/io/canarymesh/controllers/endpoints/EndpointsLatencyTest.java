package io.canarymesh.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.canarymesh.controllers.TestCluster;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a readiness change takes to reach the Endpoints: the pod status write, the controller's
 * watch, one reconcile, the Endpoints write and a client's watch, timed from the status change to
 * the Endpoints event. Printed; bounded loosely so a loaded CI machine passes.
 */
@Timeout(60)
class EndpointsLatencyTest {
  @TempDir Path dir;

  @Test
  void aReadinessFlipReachesTheEndpointsWithinMilliseconds() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir)) {
      var client = cluster.client;
      client
          .resource(
              new ServiceBuilder()
                  .withNewMetadata()
                  .withName("web")
                  .withNamespace("default")
                  .endMetadata()
                  .withNewSpec()
                  .withSelector(Map.of("app", "web"))
                  .addNewPort()
                  .withName("http")
                  .withPort(80)
                  .withTargetPort(new IntOrString(9090))
                  .endPort()
                  .endSpec()
                  .build())
          .create();
      client
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("p")
                  .withNamespace("default")
                  .withLabels(Map.of("app", "web"))
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("c")
                  .withImage("x")
                  .endContainer()
                  .endSpec()
                  .build())
          .create();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                Endpoints e = client.endpoints().inNamespace("default").withName("web").get();
                return e != null
                    && !e.getSubsets().isEmpty()
                    && e.getSubsets().getFirst().getAddresses() != null;
              });
      LinkedBlockingQueue<Endpoints> events = new LinkedBlockingQueue<>();
      List<Long> millis = new ArrayList<>();
      try (Watch watch =
          client
              .endpoints()
              .inNamespace("default")
              .withName("web")
              .watch(
                  new Watcher<Endpoints>() {
                    @Override
                    public void eventReceived(Action action, Endpoints e) {
                      events.add(e);
                    }

                    @Override
                    public void onClose(WatcherException e) {}
                  })) {
        events.poll(5, TimeUnit.SECONDS); // the initial ADDED
        for (int i = 0; i < 6; i++) {
          boolean ready = i % 2 == 1;
          long start = System.nanoTime();
          cluster.kubelet.setReady("default/p", ready);
          Endpoints e = events.poll(10, TimeUnit.SECONDS);
          millis.add((System.nanoTime() - start) / 1_000_000);
          assertThat(e).isNotNull();
          assertThat(
                  ready
                      ? e.getSubsets().getFirst().getAddresses()
                      : e.getSubsets().getFirst().getNotReadyAddresses())
              .hasSize(1);
        }
      }
      System.out.println("readiness flip → Endpoints event, ms: " + millis);
      assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(2_000));
    }
  }
}
