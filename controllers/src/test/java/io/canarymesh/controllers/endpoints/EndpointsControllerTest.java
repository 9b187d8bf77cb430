package io.canarymesh.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.canarymesh.controllers.TestCluster;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Endpoints controller against the real API server, pods made running by a test kubelet. */
@Timeout(60)
class EndpointsControllerTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  TestCluster cluster;
  KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = TestCluster.start(dir);
    client = cluster.client;
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void readyPodsAreAddressesAndNotReadyOnesMoveToNotReadyAddresses() {
    service("web", new IntOrString(9090));
    Pod a = pod("web-a", "http", 19090);
    Pod b = pod("web-b", "http", 19090);
    pod("other", "http", 19090, Map.of("app", "other"));

    await().atMost(WAIT).until(() -> readyIps("web").size() == 2);
    Endpoints endpoints = endpoints("web");
    EndpointSubset subset = endpoints.getSubsets().getFirst();
    assertThat(subset.getPorts())
        .extracting(EndpointPort::getName, EndpointPort::getPort, EndpointPort::getProtocol)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("http", 9090, "TCP"));
    assertThat(subset.getAddresses())
        .extracting(x -> x.getTargetRef().getName())
        .containsExactlyInAnyOrder("web-a", "web-b");
    assertThat(subset.getAddresses()).allSatisfy(x -> assertThat(x.getIp()).startsWith("127.244."));
    assertThat(endpoints.getMetadata().getLabels()).containsEntry("tier", "backend");

    long flipped = System.nanoTime();
    cluster.kubelet.setReady("default/web-a", false);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(2))
        .untilAsserted(
            () -> {
              EndpointSubset s = endpoints("web").getSubsets().getFirst();
              assertThat(s.getAddresses())
                  .extracting(x -> x.getTargetRef().getName())
                  .containsExactly("web-b");
              assertThat(s.getNotReadyAddresses())
                  .extracting(x -> x.getTargetRef().getName())
                  .containsExactly("web-a");
            });

    System.out.println(
        "readiness flip to Endpoints update (status write, two watches, one reconcile): "
            + (System.nanoTime() - flipped) / 1_000_000
            + " ms");

    cluster.kubelet.setReady("default/web-a", true);
    await().atMost(WAIT).until(() -> readyIps("web").size() == 2);

    client.resource(b).delete();
    await().atMost(WAIT).until(() -> readyIps("web").size() == 1);
    assertThat(
            endpoints("web")
                .getSubsets()
                .getFirst()
                .getAddresses()
                .getFirst()
                .getTargetRef()
                .getName())
        .isEqualTo(a.getMetadata().getName());
  }

  @Test
  void aNamedTargetPortResolvesPerPodAndPodsWithoutItAreLeftOut() {
    service("web", new IntOrString("web"));
    pod("web-a", "web", 8080);
    pod("web-b", "web", 8081);
    pod("web-c", "metrics", 9100);

    await().atMost(WAIT).until(() -> readyIps("web").size() == 2);
    List<EndpointSubset> subsets = endpoints("web").getSubsets();
    assertThat(subsets).hasSize(2);
    assertThat(subsets)
        .extracting(
            s -> s.getPorts().getFirst().getPort(),
            s -> s.getAddresses().getFirst().getTargetRef().getName())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(8080, "web-a"),
            org.assertj.core.groups.Tuple.tuple(8081, "web-b"));
  }

  @Test
  void endpointsGoWithTheirService() {
    service("web", new IntOrString(9090));
    pod("web-a", "http", 9090);
    await().atMost(WAIT).until(() -> readyIps("web").size() == 1);
    client.services().inNamespace("default").withName("web").delete();
    await().atMost(WAIT).until(() -> endpoints("web") == null);
  }

  void service(String name, IntOrString targetPort) {
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .withLabels(Map.of("tier", "backend"))
                .endMetadata()
                .withNewSpec()
                .withSelector(Map.of("app", name))
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withTargetPort(targetPort)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  Pod pod(String name, String portName, int port) {
    return pod(name, portName, port, Map.of("app", "web"));
  }

  Pod pod(String name, String portName, int port, Map<String, String> labels) {
    return client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("registry.example/web:1")
                .addNewPort()
                .withName(portName)
                .withContainerPort(port)
                .endPort()
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  Endpoints endpoints(String name) {
    return client.endpoints().inNamespace("default").withName(name).get();
  }

  List<String> readyIps(String name) {
    Endpoints endpoints = endpoints(name);
    if (endpoints == null || endpoints.getSubsets() == null) {
      return List.of();
    }
    return endpoints.getSubsets().stream()
        .flatMap(
            s ->
                s.getAddresses() == null
                    ? java.util.stream.Stream.<EndpointAddress>empty()
                    : s.getAddresses().stream())
        .map(EndpointAddress::getIp)
        .toList();
  }
}
