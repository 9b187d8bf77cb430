package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class StreamingTest {
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
        Tables.compile(1, Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, "")));
  }

  @Test
  void relaysLargeChunkedUploadsAndDownloads() throws Exception {
    try (ProxyFixture proxy = proxy()) {
      byte[] upload = new byte[4 * 1024 * 1024];
      HttpResponse<String> posted =
          proxy.client.send(
              HttpRequest.newBuilder(proxy.uri("/upload"))
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new ByteArrayInputStream(upload)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(posted.body()).isEqualTo("v1|POST|/upload|" + upload.length);
      HttpResponse<String> big = proxy.get("/bytes/3000000");
      assertThat(big.body()).hasSize(3_000_000);
      // the upload's 4 MiB in; the download's 3 MB plus the upload's 23-byte answer out
      proxy.metricsContaining(
          "istio_request_bytes_sum{destination_service=\"api.test\"",
          "} 4194304.0",
          "istio_response_bytes_sum{destination_service=\"api.test\"",
          "} 3000023.0");
    }
  }

  @Test
  void streamsTheResponseBeforeTheUpstreamFinishesIt() throws Exception {
    try (ProxyFixture proxy = proxy()) {
      HttpResponse<InputStream> response =
          proxy.client.send(
              HttpRequest.newBuilder(proxy.uri("/stream")).timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        // "first" arrives while the backend still holds "second" back: nothing is aggregated
        assertThat(new String(body.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("first\n");
        v1.streamGate.countDown();
        assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second\n");
      }
    }
  }
}
