package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code HTTPRetry}, compiled.
 *
 * @param attempts retries after the first try; 0 disables retries
 * @param perTryTimeout the timeout of each try; empty = the route's timeout
 * @param retryOn Envoy retry conditions ({@code connect-failure}, {@code 5xx}, {@code
 *     retriable-status-codes}, ...), in the order given
 * @param retriableStatusCodes the numeric entries of {@code retryOn}
 * @param baseBackoff the base interval of Envoy's exponential back-off with jitter
 */
public record RetryPolicy(
    int attempts,
    Optional<Duration> perTryTimeout,
    List<String> retryOn,
    List<Integer> retriableStatusCodes,
    Duration baseBackoff) {

  /** Envoy's default back-off base interval. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(25);

  /** The mesh default when a route says nothing: 2 retries on connection-level failures. */
  public static final RetryPolicy MESH_DEFAULT =
      new RetryPolicy(
          2,
          Optional.empty(),
          List.of("connect-failure", "refused-stream", "unavailable", "cancelled"),
          List.of(),
          DEFAULT_BACKOFF);

  /** No retries ({@code attempts: 0}). */
  public static final RetryPolicy NONE =
      new RetryPolicy(0, Optional.empty(), List.of(), List.of(), DEFAULT_BACKOFF);

  public RetryPolicy {
    Checks.nonNegative(attempts, "retry attempts");
    requireNonNull(perTryTimeout, "perTryTimeout");
    perTryTimeout.ifPresent(t -> Checks.nonNegative(t, "perTryTimeout"));
    retryOn = List.copyOf(retryOn);
    retriableStatusCodes = List.copyOf(retriableStatusCodes);
    retriableStatusCodes.forEach(code -> Checks.httpStatus(code, "retriable status code"));
    Checks.nonNegative(baseBackoff, "baseBackoff");
  }
}
