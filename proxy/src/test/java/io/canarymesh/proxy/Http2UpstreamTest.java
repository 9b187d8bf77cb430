package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 toward an {@code http} port whose DestinationRule says {@code h2UpgradePolicy: UPGRADE}:
 * an HTTP/1.1 client's request goes out as an h2c stream to a real Netty HTTP/2 server, trailers
 * relayed both ways, hop-by-hop headers dropped; REFUSED_STREAM retried; {@code
 * maxRequestsPerConnection} counting streams.
 */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class Http2UpstreamTest {
  static {
    LeakCheck.install();
  }

  private static String upgraded(H2Backend backend, String connectionPool) {
    return Tables.gatewayYaml(
        backend.port(),
        backend.port(),
        Tables.ALL_TO_V1,
        """
        trafficPolicy:
          connectionPool:
            http: {h2UpgradePolicy: UPGRADE%s}
        """
            .formatted(connectionPool));
  }

  @Test
  void anHttp11RequestWithTrailersGoesOutAsAnH2StreamAndItsResponseTrailersComeBack()
      throws Exception {
    try (H2Backend backend = new H2Backend();
        ProxyFixture proxy = new ProxyFixture(Tables.compile(1, upgraded(backend, "")))) {
      String response =
          RawHttp.exchange(
              proxy.address(),
              "POST /t HTTP/1.1\r\nHost: api\r\nTE: trailers\r\nKeep-Alive: timeout=5\r\n"
                  + "Proxy-Connection: keep-alive\r\nConnection: close\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n"
                  + "5\r\nhello\r\n0\r\nx-sum: 5\r\n\r\n");

      assertThat(RawHttp.status(response)).isEqualTo(200);
      String lower = response.toLowerCase();
      assertThat(lower)
          .contains("x-request-trailers: {x-sum=5}")
          .contains("transfer-encoding: chunked")
          .doesNotContain("x-http2-");
      assertThat(response).contains("h2|POST|/t|hello");
      assertThat(lower.substring(lower.indexOf("\r\n0\r\n"))).contains("x-done: yes");
      assertThat(backend.lastHeaders)
          .containsEntry("te", "trailers")
          .doesNotContainKeys("connection", "keep-alive", "proxy-connection", "transfer-encoding")
          .containsKey("x-request-id");
      assertThat(backend.connections).hasValue(1);
    }
  }

  @Test
  void aStreamRefusedByTheUpstreamIsRetriedAsRefusedStream() throws Exception {
    try (H2Backend backend = new H2Backend();
        ProxyFixture proxy = new ProxyFixture(Tables.compile(1, upgraded(backend, "")))) {
      HttpResponse<String> response = proxy.get("/refuse-once");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("h2|GET|/refuse-once|");
      assertThat(backend.requests).hasValue(2);
    }
  }

  @Test
  void atMaxConnectionsARequestWaitsForADrainingConnectionToClose() throws Exception {
    try (H2Backend backend = new H2Backend();
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1,
                    upgraded(backend, ", maxRequestsPerConnection: 1, http1MaxPendingRequests: 10")
                        .replace(
                            "connectionPool:\n",
                            "connectionPool:\n      tcp: {maxConnections: 1}\n")),
                builder -> builder.eventLoops(1))) {
      long start = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        responses.add(
            proxy.client.sendAsync(
                HttpRequest.newBuilder(proxy.uri("/slow" + i))
                    .timeout(Duration.ofSeconds(20))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < 3; i++) {
        assertThat(responses.get(i).get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      // one connection at a time, one stream each: the three 300 ms answers came one after another
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(850));
      assertThat(backend.connections).hasValue(3);
    }
  }

  @Test
  void aStreamAboveTheGoAwaysLastStreamIdIsRetriedAsRefused() throws Exception {
    try (H2Backend backend = new H2Backend();
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(1, upgraded(backend, "")), builder -> builder.eventLoops(1))) {
      HttpResponse<String> response = proxy.get("/goaway-unprocessed");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("h2|GET|/goaway-unprocessed|");
      assertThat(backend.connections).hasValue(2);
    }
  }

  @Test
  void afterAGoAwayTheNextRequestGoesOnANewConnection() throws Exception {
    try (H2Backend backend = new H2Backend();
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(1, upgraded(backend, "")), builder -> builder.eventLoops(1))) {
      assertThat(proxy.get("/goaway").statusCode()).isEqualTo(200);
      assertThat(proxy.get("/after").body()).isEqualTo("h2|GET|/after|");
      assertThat(backend.connections).hasValue(2);
    }
  }

  @Test
  void maxRequestsPerConnectionCountsStreams() throws Exception {
    try (H2Backend backend = new H2Backend();
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(1, upgraded(backend, ", maxRequestsPerConnection: 2")),
                builder -> builder.eventLoops(1))) {
      for (int i = 0; i < 5; i++) {
        assertThat(proxy.get("/n" + i).body()).isEqualTo("h2|GET|/n" + i + "|");
      }
      assertThat(backend.requests).hasValue(5);
      assertThat(backend.connections).hasValue(3); // 2 + 2 + 1 streams
    }
  }
}
