package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code connectionPool.http.idleTimeout} on HTTP/2 upstream connections: one with no stream for
 * the timeout sends GOAWAY, closes and leaves the loop's connections; one carrying a stream stays.
 */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class Http2IdleTimeoutTest {
  static {
    LeakCheck.install();
  }

  /** One event loop, so every request shares the loop's one h2 connection to the backend. */
  private static ProxyFixture proxy(H2Backend backend, String http) {
    String policy =
        """
        trafficPolicy:
          connectionPool:
            http: {h2UpgradePolicy: UPGRADE%s}
        """
            .formatted(http);
    return new ProxyFixture(
        Tables.compile(
            1, Tables.gatewayYaml(backend.port(), backend.port(), Tables.ALL_TO_V1, policy)),
        builder -> builder.eventLoops(1));
  }

  @Test
  void anIdleConnectionIsClosedWithAGoAwayAndTheNextRequestOpensANewOne() throws Exception {
    try (H2Backend backend = new H2Backend();
        ProxyFixture proxy = proxy(backend, ", idleTimeout: 300ms")) {
      assertThat(proxy.get("/a").body()).isEqualTo("h2|GET|/a|");
      assertThat(proxy.get("/b").body()).isEqualTo("h2|GET|/b|");
      long lastRequest = System.nanoTime();
      assertThat(backend.connections).as("reused while not idle for 300 ms").hasValue(1);

      await().atMost(Duration.ofSeconds(5)).until(() -> backend.open.get() == 0);
      assertThat(Duration.ofNanos(System.nanoTime() - lastRequest))
          .isGreaterThanOrEqualTo(Duration.ofMillis(290));
      assertThat(backend.goAways).as("GOAWAY before the close").hasValue(1);

      assertThat(proxy.get("/c").body()).isEqualTo("h2|GET|/c|");
      assertThat(backend.connections).hasValue(2);
      assertThat(backend.open).hasValue(1);
    }
  }

  @Test
  void aConnectionCarryingAStreamLongerThanTheTimeoutStays() throws Exception {
    try (H2Backend backend = new H2Backend();
        ProxyFixture proxy = proxy(backend, ", idleTimeout: 300ms")) {
      CompletableFuture<HttpResponse<String>> late =
          proxy.client.sendAsync(
              HttpRequest.newBuilder(proxy.uri("/late")).timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(5)).until(() -> backend.requests.get() == 1);
      // the 900 ms answer keeps the connection busy through three idle timeouts
      await()
          .during(Duration.ofMillis(600))
          .atMost(Duration.ofSeconds(2))
          .until(() -> backend.open.get() == 1 && !late.isDone());

      assertThat(late.get(20, TimeUnit.SECONDS).body()).isEqualTo("h2|GET|/late|");
      assertThat(proxy.get("/next").body()).isEqualTo("h2|GET|/next|");
      assertThat(backend.connections).as("the busy connection was kept").hasValue(1);
      assertThat(backend.goAways).hasValue(0);
      await().atMost(Duration.ofSeconds(5)).until(() -> backend.open.get() == 0);
    }
  }

  @Test
  void theDefaultHourKeepsAnIdleConnectionOpen() throws Exception {
    try (H2Backend backend = new H2Backend();
        ProxyFixture proxy = proxy(backend, "")) {
      assertThat(proxy.get("/a").statusCode()).isEqualTo(200);
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(() -> backend.open.get() == 1);
      assertThat(proxy.get("/b").statusCode()).isEqualTo(200);
      assertThat(backend.connections).hasValue(1);
    }
  }
}
