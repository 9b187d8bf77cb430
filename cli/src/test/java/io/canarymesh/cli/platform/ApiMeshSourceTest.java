package io.canarymesh.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.canarymesh.apiserver.ControlPlane;
import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.mesh.model.RouteTableText;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mesh compiler fed by the real API server: the article's part 3 becomes a route table. */
class ApiMeshSourceTest {
  private static final Path SEEDS = Path.of("../scenarios/seed");

  @TempDir Path dir;
  private ControlPlane controlPlane;
  private KubernetesClient client;
  private final AtomicReference<RouteTable> published = new AtomicReference<>();

  @BeforeEach
  void start() {
    controlPlane =
        ControlPlane.start(dir, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
    client = PlatformClient.of(controlPlane);
  }

  @AfterEach
  void stop() {
    client.close();
    controlPlane.close();
  }

  @Test
  void theArticlesMeshCompilesFromTheApiAndFollowsWeightChanges() throws Exception {
    Service service = (Service) create("micro-api-canary-istio-v1.yaml", "Service");
    pod("micro-api-v1-a", "v1", "127.244.0.1");
    pod("micro-api-v2-a", "v2", "127.244.0.2");
    client
        .endpoints()
        .resource(
            new EndpointsBuilder()
                .withNewMetadata()
                .withName("micro-api")
                .endMetadata()
                .addNewSubset()
                .addNewAddress()
                .withIp("127.244.0.1")
                .endAddress()
                .addNewAddress()
                .withIp("127.244.0.2")
                .endAddress()
                .addNewPort()
                .withName("http")
                .withPort(9090)
                .endPort()
                .endSubset()
                .build())
        .create();
    create("micro-gateway.yaml", "Gateway");
    create("destination-rule-all.yaml", "DestinationRule");
    create("virtual-service-all.yaml", "VirtualService");

    try (ApiMeshSource source = ApiMeshSource.start(client, published::set)) {
      String clusterIp = service.getSpec().getClusterIP();
      String v1 = "outbound|19090|v1|micro-api.default.svc.cluster.local";
      String v2 = "outbound|19090|v2|micro-api.default.svc.cluster.local";
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(text())
                      .contains("listener " + clusterIp + "_19090 HTTP scope=[mesh]")
                      .contains("70 " + v1, "30 " + v2)
                      .contains("endpoint 127.244.0.2:9090 ready {app=micro-api, version=v2}"));
      long before = published.get().version();

      create("virtual-service-v2.yaml", "VirtualService"); // replaces the 70/30 route: 0/100
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(text()).contains("100 " + v2).doesNotContain("70 " + v1));
      assertThat(published.get().version()).isGreaterThan(before);
    }
  }

  @Test
  void theIngressGatewayExposesTheIngressServicesPorts() {
    assertThat(ApiMeshSource.ingressGateway(java.util.List.of()).exposedPorts())
        .contains(java.util.Set.of());
  }

  private String text() {
    RouteTable table = published.get();
    return table == null ? "" : RouteTableText.render(table);
  }

  private HasMetadata create(String file, String kind) throws Exception {
    try (InputStream in = Files.newInputStream(SEEDS.resolve(file))) {
      for (HasMetadata item : client.load(in).items()) {
        if (item.getKind().equals(kind)) {
          return client
              .resource(item)
              .inNamespace("default")
              .createOr(existing -> existing.update());
        }
      }
    }
    throw new AssertionError(file + " has no " + kind);
  }

  private void pod(String name, String version, String ip) {
    Pod pod =
        client
            .pods()
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .addToLabels("app", "micro-api")
                    .addToLabels("version", version)
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("micro-api")
                    .withImage("example/micro-api:1.0")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPodIP(ip).build());
    client.pods().resource(pod).updateStatus();
  }
}
