package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The article's DestinationRule: maxConnections 10, http1MaxPendingRequests 1, 1 per conn. */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class ConnectionLimitsTest {
  private static final String ARTICLE_POOL =
      """
      trafficPolicy:
        connectionPool:
          tcp: {maxConnections: 10}
          http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}
      """;

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

  private ProxyFixture proxy() {
    return new ProxyFixture(
        Tables.compile(
            1, Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, ARTICLE_POOL)));
  }

  private List<HttpResponse<String>> concurrent(ProxyFixture proxy, int n, int delayMs)
      throws Exception {
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(
          proxy.client.sendAsync(
              HttpRequest.newBuilder(proxy.uri("/slow?delay=" + delayMs + "&i=" + i))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> future : futures) {
      responses.add(future.get(30, TimeUnit.SECONDS));
    }
    return responses;
  }

  @Test
  void thirtyConcurrentSlowRequestsOverflowWith503UO() throws Exception {
    try (ProxyFixture proxy = proxy()) {
      List<HttpResponse<String>> responses = concurrent(proxy, 30, 1500);
      List<HttpResponse<String>> overflowed =
          responses.stream().filter(r -> r.statusCode() == 503).toList();
      long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
      assertThat(overflowed).isNotEmpty();
      assertThat(ok + overflowed.size()).isEqualTo(30);
      assertThat(ok).isGreaterThanOrEqualTo(10);
      assertThat(overflowed)
          .allSatisfy(
              r -> assertThat(r.headers().firstValue("x-envoy-overloaded")).hasValue("true"));
      assertThat(v1.maxActive.get()).isLessThanOrEqualTo(10);
      proxy.metricsContaining("response_flags=\"UO\"", "canary_upstream_overflow_total{");
    }
  }

  @Test
  void eightConcurrentRequestsNeverOverflow() throws Exception {
    try (ProxyFixture proxy = proxy()) {
      for (int round = 0; round < 3; round++) {
        List<HttpResponse<String>> responses = concurrent(proxy, 8, 200);
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
      }
    }
  }
}
