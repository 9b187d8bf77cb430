package io.canarymesh.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.cli.demo.HttpProbe;
import io.canarymesh.cli.demo.Kubectl;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No request is lost while the platform changes under load: a rolling update behind a ClusterIP
 * (pods leave the endpoints before they stop), and new VirtualService weights applied while traffic
 * flows through the ingress gateway (make-before-break table swaps).
 */
@Timeout(300)
@TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class TrafficDuringChangesIT {
  private static final String HOST = "micro-api.default.svc.cluster.local";
  @TempDir static Path dir;
  private static RunningPlatform platform;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    platform = new RunningPlatform(dir);
    kubectl = platform.kubectl();
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  private static void ok(Kubectl.Result result) {
    assertThat(result.ok()).as(result.output()).isTrue();
  }

  @Test
  @Order(1)
  void aRollingUpdateUnderFiftyConnectionsLosesNoRequest() throws Exception {
    ok(kubectl.run("apply", "-f", "micro-api.yaml"));
    ok(kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=120s"));
    String clusterIp =
        kubectl.runQuietly("get", "svc", "micro-api", "-o", "jsonpath={.spec.clusterIP}").output();
    InetSocketAddress service = new InetSocketAddress(clusterIp.strip(), 19090);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> HttpProbe.get(service, HOST, "/test/test").ok());

    try (LoadLoop load = new LoadLoop(service, HOST, 50, Duration.ofSeconds(120))) {
      ok(
          kubectl.run(
              "set",
              "image",
              "deployment/micro-api",
              "micro-api=registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.3-SNAPSHOT"));
      ok(kubectl.run("rollout", "status", "deployment/micro-api", "--timeout=120s"));
      // the last old pod is terminating: keep the load on until it is gone
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> kubectl.runQuietly("get", "pods", "-o", "name").output().lines().count() == 3);
      load.close();
      assertThat(load.failures()).as("failed requests").isEmpty();
      System.out.printf(
          "rolling update under 50 connections: %d requests answered, %d failed%n",
          load.succeeded(), load.failures().size());
      assertThat(load.succeeded()).isGreaterThan(100);
      assertThat(load.v3()).isGreaterThan(0);
    }
    ok(kubectl.run("delete", "deployment", "micro-api"));
  }

  @Test
  @Order(2)
  void newWeightsUnderEightConnectionsLoseNoRequest() throws Exception {
    for (String file :
        new String[] {
          "micro-api-canary-istio-v1.yaml",
          "micro-api-canary-istio-v2.yaml",
          "micro-gateway.yaml",
          "destination-rule-all.yaml",
          "virtual-service-all.yaml"
        }) {
      ok(kubectl.run("apply", "-f", file));
    }
    ok(kubectl.run("rollout", "status", "deployment/micro-api-v1", "--timeout=120s"));
    ok(kubectl.run("rollout", "status", "deployment/micro-api-v2", "--timeout=120s"));
    InetSocketAddress ingress = platform.ingress();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> HttpProbe.get(ingress, HOST, "/test/test").ok());

    try (LoadLoop load = new LoadLoop(ingress, HOST, 8, Duration.ofSeconds(120))) {
      for (int v1 : new int[] {50, 0, 100, 90, 70}) {
        Path weights = platform.manifests().resolve("weights-" + v1 + ".yaml");
        Files.writeString(weights, virtualService(v1, 100 - v1));
        ok(kubectl.run("apply", "-f", weights.getFileName().toString()));
        int before = load.succeeded();
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> load.succeeded() > before + 50);
      }
      load.close();
      assertThat(load.failures()).as("failed requests").isEmpty();
      System.out.printf(
          "five weight changes under 8 connections: %d requests answered, %d failed%n",
          load.succeeded(), load.failures().size());
      assertThat(load.succeeded()).isGreaterThan(250);
    }
  }

  private static String virtualService(int v1, int v2) {
    return """
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata:
          name: micro-api-route
        spec:
          hosts:
            - micro-api.default.svc.cluster.local
          gateways:
            - micro-gateway
          http:
            - route:
                - destination:
                    host: micro-api.default.svc.cluster.local
                    subset: v1
                  weight: %d
                - destination:
                    host: micro-api.default.svc.cluster.local
                    subset: v2
                  weight: %d
        """
        .formatted(v1, v2);
  }
}
