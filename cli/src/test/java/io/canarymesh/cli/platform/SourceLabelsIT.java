package io.canarymesh.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.cli.demo.HttpProbe;
import io.canarymesh.cli.demo.Kubectl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform path of {@code sourceLabels}: real pods from Deployments, the service proxy on the
 * ClusterIP, and a caller that connects from a v1 pod's IP (as a pod binding {@code POD_IP} would)
 * is routed to v2, while a caller from 127.0.0.1 — no pod — stays on v1.
 */
@Timeout(120)
class SourceLabelsIT {
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

  @Test
  void callersFromV1PodsGoToV2AndOthersStayOnV1() throws Exception {
    Files.writeString(platform.manifests().resolve("source-labels.yaml"), MANIFESTS);
    ok(kubectl.run("apply", "-f", "source-labels.yaml"));
    ok(kubectl.run("rollout", "status", "deployment/micro-api-v1", "--timeout=60s"));
    ok(kubectl.run("rollout", "status", "deployment/micro-api-v2", "--timeout=60s"));
    String clusterIp =
        kubectl.runQuietly("get", "svc", "micro-api", "-o", "jsonpath={.spec.clusterIP}").output();
    String v1PodIp =
        kubectl
            .runQuietly(
                "get", "pods", "-l", "version=v1", "-o", "jsonpath={.items[0].status.podIP}")
            .output()
            .strip();
    InetSocketAddress service = new InetSocketAddress(clusterIp.strip(), 19090);
    InetAddress fromV1Pod = InetAddress.getByName(v1PodIp);
    // the table that knows the v1 pod as a caller, and both subsets ready, may come a moment later
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get(service, fromV1Pod).contains("V3|"));

    for (int i = 0; i < 5; i++) {
      assertThat(get(service, fromV1Pod)).as("from the v1 pod").contains("V3|");
      HttpProbe.Response fromHost = HttpProbe.get(service, HOST, "/test/test");
      assertThat(fromHost.ok()).as(fromHost.body()).isTrue();
      assertThat(fromHost.body()).as("from 127.0.0.1").doesNotContain("V3|");
    }
  }

  private static void ok(Kubectl.Result result) {
    assertThat(result.ok()).as(result.output()).isTrue();
  }

  /**
   * {@code GET /test/test} through {@code service} from {@code local}: the status line and body.
   */
  private static String get(InetSocketAddress service, InetAddress local) throws IOException {
    try (Socket socket = new Socket(service.getAddress(), service.getPort(), local, 0)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /test/test HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static final String MANIFESTS =
      """
      apiVersion: v1
      kind: Service
      metadata: {name: micro-api}
      spec:
        ports: [{name: http, port: 19090, targetPort: 9090}]
        selector: {app: micro-api}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: micro-api-v1}
      spec:
        replicas: 1
        selector: {matchLabels: {app: micro-api, version: v1}}
        template:
          metadata: {labels: {app: micro-api, version: v1}}
          spec:
            containers:
              - name: micro-api
                image: registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.1-SNAPSHOT
                ports: [{name: http, containerPort: 9090}]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: micro-api-v2}
      spec:
        replicas: 1
        selector: {matchLabels: {app: micro-api, version: v2}}
        template:
          metadata: {labels: {app: micro-api, version: v2}}
          spec:
            containers:
              - name: micro-api
                image: registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.3-SNAPSHOT
                ports: [{name: http, containerPort: 9090}]
      ---
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: micro-api}
      spec:
        host: micro-api
        subsets:
          - {name: v1, labels: {version: v1}}
          - {name: v2, labels: {version: v2}}
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: micro-api}
      spec:
        hosts: [micro-api]
        http:
          - match:
              - sourceLabels: {version: v1}
            route:
              - destination: {host: micro-api, subset: v2}
          - route:
              - destination: {host: micro-api, subset: v1}
      """;
}
