package io.canarymesh.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.canarymesh.apiserver.ControlPlane;
import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.mesh.model.RouteTableText;
import io.canarymesh.mesh.model.TlsCredential;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
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
                      .contains("endpoint 127.244.0.2:9090 ready {app=micro-api, version=v2}")
                      // the pods as callers, for sourceLabels / sourceNamespace on the mesh
                      .contains(
                          "client 127.244.0.1 namespace=default {app=micro-api, version=v1}",
                          "client 127.244.0.2 namespace=default {app=micro-api, version=v2}"));
      long before = published.get().version();

      create("virtual-service-v2.yaml", "VirtualService"); // replaces the 70/30 route: 0/100
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(text()).contains("100 " + v2).doesNotContain("70 " + v1));
      assertThat(published.get().version()).isGreaterThan(before);
    }
  }

  @Test
  void aGatewaysCredentialSecretInIstioSystemBecomesItsListenersTlsAndIsFollowed() {
    String yaml =
        """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: shop, namespace: default}
        spec:
          selector: {istio: ingressgateway}
          servers:
            - port: {number: 8080, name: http, protocol: HTTP}
              hosts: ["*"]
            - port: {number: 8443, name: https, protocol: HTTPS}
              hosts: ["*"]
              tls: {mode: SIMPLE, credentialName: shop-cert}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: default}
        spec:
          hosts: [shop.example.com]
          gateways: [shop]
          http:
            - directResponse: {status: 200}
        """;
    for (HasMetadata item :
        client
            .load(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
            .items()) {
      client.resource(item).inNamespace("default").create();
    }
    // a Secret of that name outside istio-system is not the gateway's
    client.secrets().inNamespace("default").resource(tlsSecret("default", "QUJDRA==")).create();

    try (ApiMeshSource source = ApiMeshSource.start(client, published::set)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(text())
                      .contains("listener 0.0.0.0_8080 HTTP")
                      .doesNotContain("0.0.0.0_8443"));

      client
          .secrets()
          .inNamespace("istio-system")
          .resource(tlsSecret("istio-system", "QUJDRA=="))
          .create();
      String first = "credential=shop-cert sha256=" + sha256("QUJDRA==");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(text()).contains("listener 0.0.0.0_8443 HTTPS", first));
      assertThat(published.get().listeners())
          .filteredOn(l -> l.port() == 8443)
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l.tls().orElseThrow().credential().orElseThrow().privateKeyPem())
                      .contains("S2V5"));

      client
          .secrets()
          .inNamespace("istio-system")
          .resource(tlsSecret("istio-system", "RUZHSA=="))
          .update();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(text())
                      .contains("credential=shop-cert sha256=" + sha256("RUZHSA=="))
                      .doesNotContain(first));
    }
  }

  private static Secret tlsSecret(String namespace, String certificateBody) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("shop-cert")
        .withNamespace(namespace)
        .endMetadata()
        .withType("kubernetes.io/tls")
        .addToData("tls.crt", base64(pem("CERTIFICATE", certificateBody)))
        .addToData("tls.key", base64(pem("PRIVATE KEY", "S2V5")))
        .build();
  }

  private static String pem(String label, String body) {
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static String sha256(String certificateBody) {
    return new TlsCredential("x/y", pem("CERTIFICATE", certificateBody), "")
        .getCertificateSha256()
        .substring(0, 16);
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
