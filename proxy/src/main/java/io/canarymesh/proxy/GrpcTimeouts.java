package io.canarymesh.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The timeout of a request, honouring a gRPC client's {@code grpc-timeout} as Istio's Envoy does:
 * Istio sets the route's deprecated {@code max_grpc_timeout} to the route timeout (0, no limit,
 * when the VirtualService sets none), so for a gRPC request Envoy uses the header, capped by the
 * route timeout. Worked examples: no route timeout and {@code grpc-timeout: 300m} → 300 ms; route 1
 * s and {@code 20S} → 1 s; route 1 s and no header → 1 s; no route timeout and no header → none.
 */
final class GrpcTimeouts {
  private static final AsciiString GRPC_TIMEOUT = AsciiString.cached("grpc-timeout");

  private GrpcTimeouts() {}

  /**
   * The timeout to arm for a request with {@code headers} on a route timing out after {@code
   * route}.
   */
  static Optional<Duration> effective(Optional<Duration> route, HttpHeaders headers) {
    String header = headers.get(GRPC_TIMEOUT);
    // gRPC as the router sees it (Istio's grpc_web filter has turned gRPC-Web into gRPC)
    if (header == null || !GrpcLocalReplies.isGrpc(headers)) {
      return route.filter(t -> !t.isZero());
    }
    long max = route.map(Duration::toNanos).orElse(0L); // 0: no limit, as Envoy reads it
    long chosen = parseNanos(header);
    if (max != 0 && (chosen == 0 || chosen > max)) {
      chosen = max;
    }
    return chosen == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(chosen));
  }

  /**
   * {@code grpc-timeout} in nanoseconds, rounded up to whole milliseconds as Envoy does; 0 when
   * malformed (1 to 8 digits and a unit H, M, S, m, u or n), which Envoy also ignores. Example:
   * {@code 1500u} → 2 ms; {@code 5S} → 5 s; {@code 123456789m} (9 digits) → 0.
   */
  static long parseNanos(String value) {
    int digits = value.length() - 1;
    if (digits < 1 || digits > 8) {
      return 0;
    }
    long amount = 0;
    for (int i = 0; i < digits; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      amount = amount * 10 + (c - '0');
    }
    TimeUnit unit =
        switch (value.charAt(digits)) {
          case 'H' -> TimeUnit.HOURS;
          case 'M' -> TimeUnit.MINUTES;
          case 'S' -> TimeUnit.SECONDS;
          case 'm' -> TimeUnit.MILLISECONDS;
          case 'u' -> TimeUnit.MICROSECONDS;
          case 'n' -> TimeUnit.NANOSECONDS;
          default -> null;
        };
    if (unit == null) {
      return 0;
    }
    long millis = TimeUnit.MILLISECONDS.toNanos(1);
    long nanos = unit.toNanos(amount);
    return (nanos + millis - 1) / millis * millis;
  }
}
