package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canarymesh.mesh.model.RouteTable;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class ProxyLifecycleTest {
  private Backend v1;
  private Backend v2;

  @BeforeEach
  void backends() throws Exception {
    v1 = new Backend("v1");
    v2 = new Backend("v2");
  }

  @AfterEach
  void stop() {
    v1.close();
    v2.close();
  }

  private RouteTable table(long version, String http) {
    return Tables.compile(version, Tables.gatewayYaml(v1.port(), v2.port(), http, ""));
  }

  private static final String ALL_TO_V2 =
      "- route: [{destination: {host: api.test, subset: v2, port: {number: 9090}}}]";

  @Test
  void tableSwapsUnderLoadLoseNoRequest() throws Exception {
    try (ProxyFixture proxy = new ProxyFixture(table(1, Tables.SPLIT_70_30));
        ExecutorService clients = Executors.newFixedThreadPool(4)) {
      AtomicInteger ok = new AtomicInteger();
      List<CompletableFuture<Void>> load = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        load.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 150; i++) {
                    try {
                      HttpResponse<String> response = proxy.get("/swap?i=" + i);
                      if (response.statusCode() == 200) {
                        ok.incrementAndGet();
                      }
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }
                },
                clients));
      }
      for (int version = 2; version < 30; version++) {
        proxy.proxy.update(table(version, version % 2 == 0 ? ALL_TO_V2 : Tables.SPLIT_70_30));
      }
      CompletableFuture.allOf(load.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      assertThat(ok.get()).isEqualTo(600);
      assertThat(proxy.proxy.table().version()).isEqualTo(29);
    }
  }

  @Test
  void newWeightsApplyToTheNextRequestOnAKeptConnection() throws Exception {
    try (ProxyFixture proxy = new ProxyFixture(table(1, Tables.ALL_TO_V1));
        KeepAliveClient client = new KeepAliveClient(proxy.address())) {
      assertThat(client.get("/a")).contains("v1|GET|/a");
      proxy.proxy.update(table(2, ALL_TO_V2));
      assertThat(client.get("/b")).contains("v2|GET|/b");
    }
  }

  @Test
  void listenersAreAddedAndRemovedByDifferenceWithoutDroppingOthers() throws Exception {
    String twoPorts =
        Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, "")
            .replace(
                "      hosts: [\"*\"]\n---",
                "      hosts: [\"*\"]\n    - port: {number: 8081, name: http2nd, protocol: HTTP}\n"
                    + "      hosts: [\"*\"]\n---");
    try (ProxyFixture proxy = new ProxyFixture(table(1, Tables.ALL_TO_V1));
        KeepAliveClient client = new KeepAliveClient(proxy.address())) {
      assertThat(client.get("/1")).contains("v1|");
      proxy.proxy.update(Tables.compile(2, twoPorts));
      assertThat(proxy.proxy.boundAddresses()).containsKeys("0.0.0.0_8080", "0.0.0.0_8081");
      assertThat(RawHttp.body(RawHttp.get(proxy.proxy.address("0.0.0.0_8081"), "x", "/2")))
          .startsWith("v1|GET|/2");
      assertThat(client.get("/3")).contains("v1|");
      proxy.proxy.update(table(3, Tables.ALL_TO_V1));
      assertThat(proxy.proxy.boundAddresses()).containsOnlyKeys("0.0.0.0_8080");
      assertThatThrownBy(() -> proxy.proxy.address("0.0.0.0_8081"))
          .hasMessageContaining("not bound");
      assertThat(client.get("/4")).contains("v1|GET|/4");
    }
  }

  @Test
  void closeLetsInFlightRequestsFinish() throws Exception {
    ProxyFixture proxy = new ProxyFixture(table(1, Tables.ALL_TO_V1));
    CompletableFuture<HttpResponse<String>> slow =
        proxy.client.sendAsync(
            java.net.http.HttpRequest.newBuilder(proxy.uri("/slow?delay=500")).build(),
            HttpResponse.BodyHandlers.ofString());
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> v1.active.get() == 1);
    proxy.proxy.close();
    assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    proxy.client.close();
  }
}
