package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.RetryPolicy;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pure decisions {@link Exchange} delegates: request checks before routing, the client's
 * connection header, the outlier outcome of a finished exchange and the retry back-off bound. The
 * end-to-end behaviour is covered on loopback by BadInputTest, MeshProxyTest, OutlierDetectionTest
 * and RouteFeaturesTest.
 */
class ExchangeDecisionsTest {
  private static HttpRequest request(HttpVersion version) {
    return new DefaultHttpRequest(version, HttpMethod.GET, "/");
  }

  @Test
  void refusesMalformedOversizedAndHostlessHeads() {
    HttpRequest longHeaders = request(HttpVersion.HTTP_1_1);
    longHeaders.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException("big")));
    assertThat(RequestChecks.refusal(longHeaders, "a", 0))
        .isEqualTo(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
    assertThat(RequestChecks.reason(longHeaders, HttpResponseStatus.BAD_REQUEST)).isEqualTo("big");

    HttpRequest longLine = request(HttpVersion.HTTP_1_1);
    longLine.setDecoderResult(DecoderResult.failure(new TooLongHttpLineException("long")));
    assertThat(RequestChecks.refusal(longLine, "a", 0))
        .isEqualTo(HttpResponseStatus.REQUEST_URI_TOO_LONG);

    HttpRequest large = request(HttpVersion.HTTP_1_1);
    large.headers().set("content-length", "101");
    assertThat(RequestChecks.refusal(large, "a", 100))
        .isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
    assertThat(RequestChecks.reason(large, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE))
        .isEqualTo("payload too large");
    assertThat(RequestChecks.refusal(large, "a", 0)).isNull(); // 0: no limit

    assertThat(RequestChecks.refusal(request(HttpVersion.HTTP_1_1), null, 0))
        .isEqualTo(HttpResponseStatus.BAD_REQUEST);
    assertThat(RequestChecks.reason(request(HttpVersion.HTTP_1_1), HttpResponseStatus.BAD_REQUEST))
        .isEqualTo("missing host header");
    assertThat(RequestChecks.refusal(request(HttpVersion.HTTP_1_0), null, 0)).isNull();
    assertThat(RequestChecks.refusal(request(HttpVersion.HTTP_1_1), "a", 0)).isNull();
  }

  @ParameterizedTest
  @CsvSource({
    // closeAfter, clientKeepAlive, draining, version, header, closes
    "false, true, false, HTTP/1.1, , false",
    "false, true, false, HTTP/1.0, keep-alive, false",
    "true, true, false, HTTP/1.1, close, true",
    "false, false, false, HTTP/1.1, close, true",
    "false, true, true, HTTP/1.1, close, true",
    "false, false, false, HTTP/1.0, close, true"
  })
  void setsTheClientsConnectionHeader(
      boolean closeAfter,
      boolean keepAlive,
      boolean draining,
      String version,
      String header,
      boolean closes) {
    HttpHeaders headers = new DefaultHttpHeaders();
    assertThat(
            ResponseHeads.connectionHeader(
                headers, closeAfter, keepAlive, draining, HttpVersion.valueOf(version)))
        .isEqualTo(closes);
    assertThat(headers.get("connection")).isEqualTo(header);
  }

  @ParameterizedTest
  @CsvSource({"-, 200, 200", "DI, 502, 502", "UC, 0, 503", "UT, 200, 503", "UO, 0, 0", "DC, 0, 0"})
  void judgesTheEndpointOnlyByWhatItDid(String flags, int status, int outcome) {
    assertThat(ExchangeRecords.outlierOutcome(flags, status)).isEqualTo(outcome);
  }

  @Test
  void boundsTheBackOffAsEnvoyDoes() {
    RetryPolicy policy =
        new RetryPolicy(3, Optional.empty(), List.of("5xx"), List.of(), Duration.ofMillis(25));
    assertThat(Retries.maxBackoffMillis(policy, 1)).isEqualTo(25);
    assertThat(Retries.maxBackoffMillis(policy, 2)).isEqualTo(50);
    assertThat(Retries.maxBackoffMillis(policy, 3)).isEqualTo(100);
    assertThat(Retries.maxBackoffMillis(policy, 20)).isEqualTo(25L << 10);
    RetryPolicy zero =
        new RetryPolicy(3, Optional.empty(), List.of("5xx"), List.of(), Duration.ZERO);
    assertThat(Retries.maxBackoffMillis(zero, 1)).isEqualTo(1);
  }
}
