package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrpcTimeoutsTest {
  @ParameterizedTest
  @CsvSource({
    "5S, 5000",
    "300m, 300",
    "2M, 120000",
    "1H, 3600000",
    "1500u, 2",
    "1n, 1",
    "99999999m, 99999999",
    "123456789m, 0",
    "m, 0",
    "10, 0",
    "10s, 0",
    "1x5S, 0",
    "-5S, 0",
    "0S, 0"
  })
  void parsesAsEnvoyDoesRoundingUpToMilliseconds(String value, long millis) {
    assertThat(GrpcTimeouts.parseNanos(value)).isEqualTo(Duration.ofMillis(millis).toNanos());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "none",
      value = {
        // route timeout (ms), content type, grpc-timeout, effective (ms)
        "none, application/grpc, 300m, 300",
        "0, application/grpc, 300m, 300",
        "1000, application/grpc, 20S, 1000",
        "1000, application/grpc, 300m, 300",
        "1000, application/grpc, none, 1000",
        "1000, application/grpc, bad, 1000",
        "none, application/grpc, bad, none",
        "none, application/grpc, none, none",
        "0, application/grpc, none, none",
        "none, application/grpc+proto, 1S, 1000",
        "none, application/json, 300m, none",
        "1000, text/plain, 300m, 1000",
        "0, text/plain, none, none"
      })
  void theHeaderCappedByTheRouteTimeoutAppliesToGrpcRequestsOnly(
      Long route, String contentType, String grpcTimeout, Long effective) {
    HttpHeaders headers = new DefaultHttpHeaders().set("content-type", contentType);
    if (grpcTimeout != null) {
      headers.set("grpc-timeout", grpcTimeout);
    }
    Optional<Duration> routeTimeout = Optional.ofNullable(route).map(Duration::ofMillis);

    assertThat(GrpcTimeouts.effective(routeTimeout, headers))
        .isEqualTo(Optional.ofNullable(effective).map(Duration::ofMillis));
  }
}
