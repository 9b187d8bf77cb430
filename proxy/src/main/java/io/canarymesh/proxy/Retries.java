package io.canarymesh.proxy;

import io.canarymesh.mesh.model.RetryPolicy;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * Which failures a route's {@code retries.retryOn} retries, in Envoy's terms: {@code 5xx} covers
 * 5xx answers, resets and connect failures; {@code gateway-error} 502/503/504 and connect failures;
 * {@code reset} and {@code connect-failure} themselves; {@code retriable-status-codes} (or bare
 * codes) the listed statuses. {@code refused-stream} retries an HTTP/2 stream the upstream reset
 * with REFUSED_STREAM; the gRPC conditions ({@code cancelled}, {@code deadline-exceeded}, {@code
 * internal}, {@code resource-exhausted}, {@code unavailable}) retry on the {@code grpc-status} of a
 * response's headers (a trailers-only answer, as Envoy reads it), never on trailers after a body.
 */
final class Retries {
  private Retries() {}

  /**
   * The longest back-off before try {@code attempt} (1 for the first retry): Envoy's {@code base ×
   * 2^(attempt-1)}, the base at least 1 ms, the doubling capped at 2^10; the wait is random in [0,
   * this]. E.g. base 25 ms: 25, 50, 100 ms for retries 1, 2, 3.
   */
  static long maxBackoffMillis(RetryPolicy policy, int attempt) {
    long base = Math.max(1, policy.baseBackoff().toMillis());
    return base << Math.min(attempt - 1, 10);
  }

  static boolean onConnectFailure(RetryPolicy policy) {
    return has(policy, "connect-failure") || has(policy, "5xx") || has(policy, "gateway-error");
  }

  static boolean onReset(RetryPolicy policy) {
    return has(policy, "reset") || has(policy, "5xx");
  }

  static boolean onRefusedStream(RetryPolicy policy) {
    return has(policy, "refused-stream");
  }

  /** {@code grpc-status} 1 cancelled, 4 deadline-exceeded, 8 resource-exhausted, 13, 14. */
  static boolean onGrpcStatus(RetryPolicy policy, HttpHeaders headers) {
    if (policy.attempts() == 0) {
      return false;
    }
    String status = headers.get("grpc-status");
    if (status == null) {
      return false;
    }
    return switch (status) {
      case "1" -> has(policy, "cancelled");
      case "4" -> has(policy, "deadline-exceeded");
      case "8" -> has(policy, "resource-exhausted");
      case "13" -> has(policy, "internal");
      case "14" -> has(policy, "unavailable");
      default -> false;
    };
  }

  static boolean onStatus(RetryPolicy policy, int status) {
    if (policy.attempts() == 0 || status < 500 && policy.retriableStatusCodes().isEmpty()) {
      return false;
    }
    return (status >= 500 && has(policy, "5xx"))
        || ((status == 502 || status == 503 || status == 504) && has(policy, "gateway-error"))
        || policy.retriableStatusCodes().contains(status);
  }

  private static boolean has(RetryPolicy policy, String condition) {
    return policy.attempts() > 0 && policy.retryOn().contains(condition);
  }
}
