package io.canarymesh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.canarymesh.mesh.compiler.DirectorySource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone gateway from a directory: serving, admin endpoints, reload, bad files. */
class StandaloneGatewayTest {
  private static final String CONFIG =
      """
      apiVersion: networking.istio.io/v1beta1
      kind: ServiceEntry
      metadata: {name: api, namespace: default}
      spec:
        hosts: [api.test]
        location: MESH_INTERNAL
        resolution: STATIC
        ports: [{number: 9090, name: http, protocol: HTTP}]
        endpoints:
          - {address: 127.0.0.1, ports: {http: %d}, labels: {version: v1}}
          - {address: 127.0.0.1, ports: {http: %d}, labels: {version: v2}}
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: Gateway
      metadata: {name: gw, namespace: default}
      spec:
        selector: {istio: ingressgateway}
        servers: [{port: {number: 18084, name: http, protocol: HTTP}, hosts: ["*"]}]
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: VirtualService
      metadata: {name: api, namespace: default}
      spec:
        hosts: ["*"]
        gateways: [gw]
        http:
          - route:
              - {destination: {host: api.test, subset: v1}, weight: %d}
              - {destination: {host: api.test, subset: v2}, weight: %d}
      ---
      apiVersion: networking.istio.io/v1beta1
      kind: DestinationRule
      metadata: {name: api, namespace: default}
      spec:
        host: api.test
        subsets:
          - {name: v1, labels: {version: v1}}
          - {name: v2, labels: {version: v2}}
      """;

  @TempDir Path dir;
  private final List<HttpServer> backends = new ArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private StandaloneGateway gateway;

  @BeforeEach
  void start() throws IOException {
    backends.add(backend("v1"));
    backends.add(backend("v2"));
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    backends.forEach(server -> server.stop(0));
    client.close();
  }

  private static HttpServer backend(String name) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = name.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  private void writeConfig(int v1Weight, int v2Weight) throws IOException {
    Path temp = dir.resolve(".mesh.tmp");
    Files.writeString(
        temp,
        CONFIG.formatted(
            backends.get(0).getAddress().getPort(),
            backends.get(1).getAddress().getPort(),
            v1Weight,
            v2Weight));
    Files.move(temp, dir.resolve("mesh.yaml"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private String get(String url) throws Exception {
    return client
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private String gatewayUrl() {
    InetSocketAddress address = gateway.proxy.address("0.0.0.0_18084");
    return "http://127.0.0.1:" + address.getPort() + "/";
  }

  private String adminUrl(String path) {
    return "http://127.0.0.1:" + gateway.admin.address().getPort() + path;
  }

  @Test
  void servesReloadsAndKeepsTheLastGoodConfigOnABadFile() throws Exception {
    writeConfig(100, 0);
    gateway =
        StandaloneGateway.start(
            dir,
            new InetSocketAddress("127.0.0.1", 0),
            listener -> List.of(new InetSocketAddress("127.0.0.1", 0)),
            1,
            false);
    assertThat(gateway.loaded()).isTrue();
    assertThat(get(gatewayUrl())).isEqualTo("v1");
    assertThat(get(adminUrl("/ready"))).isEqualTo("LIVE\n");
    assertThat(get(adminUrl("/config_dump"))).contains("\"name\" : \"0.0.0.0_18084\"");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(adminUrl("/metrics")), text -> text.contains("istio_requests_total{"));

    // apply-to-effect: from the file's change to the first request that follows the new weights
    List<Long> millis = new ArrayList<>();
    for (int round = 0; round < 6; round++) {
      boolean toV2 = round % 2 == 0;
      long written = System.nanoTime();
      writeConfig(toV2 ? 0 : 100, toV2 ? 100 : 0);
      String expected = toV2 ? "v2" : "v1";
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(2))
          .until(() -> get(gatewayUrl()).equals(expected));
      millis.add((System.nanoTime() - written) / 1_000_000);
    }
    Collections.sort(millis);
    System.out.println("file change to effect (ms), sorted: " + millis);

    long version = gateway.proxy.table().version();
    Files.writeString(
        dir.resolve("broken.yaml"),
        "kind: VirtualService\napiVersion: networking.istio.io/v1\nspec: {hostz: [x]}\n");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> gateway.lastOutcome() instanceof DirectorySource.Rejected);
    assertThat(((DirectorySource.Rejected) gateway.lastOutcome()).errors())
        .anySatisfy(error -> assertThat(error).contains("broken.yaml").contains("hostz"));
    assertThat(gateway.proxy.table().version()).isEqualTo(version);
    assertThat(get(gatewayUrl())).isEqualTo("v1");
  }
}
