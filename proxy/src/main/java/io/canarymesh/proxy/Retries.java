package io.canarymesh.proxy;

import io.canarymesh.mesh.model.RetryPolicy;

/**
 * Which failures a route's {@code retries.retryOn} retries, in Envoy's terms: {@code 5xx} covers
 * 5xx answers, resets and connect failures; {@code gateway-error} 502/503/504 and connect failures;
 * {@code reset} and {@code connect-failure} themselves; {@code retriable-status-codes} (or bare
 * codes) the listed statuses. {@code refused-stream}, {@code unavailable} and {@code cancelled} are
 * HTTP/2 and gRPC conditions an HTTP/1.1 upstream never produces.
 */
final class Retries {
  private Retries() {}

  static boolean onConnectFailure(RetryPolicy policy) {
    return has(policy, "connect-failure") || has(policy, "5xx") || has(policy, "gateway-error");
  }

  static boolean onReset(RetryPolicy policy) {
    return has(policy, "reset") || has(policy, "5xx");
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
