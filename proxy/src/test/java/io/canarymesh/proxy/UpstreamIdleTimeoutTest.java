package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code connectionPool.http.idleTimeout}: an idle pooled upstream connection is closed. */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class UpstreamIdleTimeoutTest {
  private CountingBackend backend;

  @BeforeEach
  void start() throws Exception {
    backend = new CountingBackend();
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  private ProxyFixture proxy(String pool) {
    String policy = "trafficPolicy:\n  connectionPool:\n" + pool.indent(4);
    // one event loop, so both requests share one pool and one upstream connection
    return new ProxyFixture(
        Tables.compile(
            1, Tables.gatewayYaml(backend.port(), backend.port(), Tables.ALL_TO_V1, policy)),
        settings -> settings.eventLoops(1));
  }

  @Test
  void aConnectionIdleForTheTimeoutIsClosedAndTheNextRequestOpensANewOne() throws Exception {
    try (ProxyFixture proxy = proxy("http: {idleTimeout: 200ms}")) {
      assertThat(proxy.get("/a").statusCode()).isEqualTo(200);
      assertThat(proxy.get("/b").statusCode()).isEqualTo(200);
      long lastRequest = System.nanoTime();
      assertThat(backend.accepted).as("reused while not idle for 200 ms").hasValue(1);

      await().atMost(Duration.ofSeconds(5)).until(() -> backend.open.get() == 0);
      assertThat(Duration.ofNanos(System.nanoTime() - lastRequest))
          .isGreaterThanOrEqualTo(Duration.ofMillis(190));

      assertThat(proxy.get("/c").statusCode()).isEqualTo(200);
      assertThat(backend.accepted).hasValue(2);
    }
  }

  @Test
  void requestsMoreOftenThanTheTimeoutKeepOneConnection() throws Exception {
    try (ProxyFixture proxy = proxy("http: {idleTimeout: 300ms}")) {
      long end = System.nanoTime() + Duration.ofMillis(900).toNanos();
      int sent = 0;
      while (System.nanoTime() < end && sent < 200) {
        assertThat(proxy.get("/keep").statusCode()).isEqualTo(200);
        sent++;
        await().pollDelay(Duration.ofMillis(50)).until(() -> true);
      }
      assertThat(backend.accepted).hasValue(1);
      await().atMost(Duration.ofSeconds(5)).until(() -> backend.open.get() == 0);
    }
  }

  @Test
  void theDefaultHourKeepsAnIdleConnectionOpen() throws Exception {
    try (ProxyFixture proxy = proxy("tcp: {maxConnections: 100}")) {
      assertThat(proxy.get("/a").statusCode()).isEqualTo(200);
      await()
          .during(Duration.ofMillis(500))
          .atMost(Duration.ofSeconds(2))
          .until(() -> backend.open.get() == 1);
      assertThat(proxy.get("/b").statusCode()).isEqualTo(200);
      assertThat(backend.accepted).hasValue(1);
    }
  }
}
