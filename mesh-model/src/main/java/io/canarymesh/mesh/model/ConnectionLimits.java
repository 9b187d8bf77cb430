package io.canarymesh.mesh.model;

import java.time.Duration;

/**
 * {@code connectionPool} limits of one cluster, per proxy. Overflow fails fast with 503, {@code
 * x-envoy-overloaded: true} and the flag {@code UO}. Envoy's "unlimited" (2^32-1, which Istio sets
 * when a field is absent) is {@link Integer#MAX_VALUE} here.
 *
 * @param maxConnections open connections to all endpoints together ({@code tcp.maxConnections})
 * @param http1MaxPendingRequests requests waiting for a connection
 * @param http2MaxRequests active requests (all protocols, as in Envoy)
 * @param maxRequestsPerConnection requests per upstream connection before it is closed; unlimited
 *     when Istio's field is 0 or absent
 * @param maxRetries outstanding retries
 * @param idleTimeout an upstream connection idle this long is closed (1 h by default)
 * @param tcpIdleTimeout a relayed TCP connection idle both ways this long is closed ({@code
 *     tcp.idleTimeout}, Envoy tcp_proxy's {@code idle_timeout}; 1 h by default, 0 disables it)
 */
public record ConnectionLimits(
    int maxConnections,
    int http1MaxPendingRequests,
    int http2MaxRequests,
    int maxRequestsPerConnection,
    int maxRetries,
    Duration idleTimeout,
    Duration tcpIdleTimeout) {

  public static final int UNLIMITED_COUNT = Integer.MAX_VALUE;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);

  /** No limits: Istio's defaults. */
  public static final ConnectionLimits UNLIMITED =
      new ConnectionLimits(
          UNLIMITED_COUNT,
          UNLIMITED_COUNT,
          UNLIMITED_COUNT,
          UNLIMITED_COUNT,
          UNLIMITED_COUNT,
          DEFAULT_IDLE_TIMEOUT,
          DEFAULT_IDLE_TIMEOUT);

  public ConnectionLimits {
    Checks.positive(maxConnections, "maxConnections");
    Checks.positive(http1MaxPendingRequests, "http1MaxPendingRequests");
    Checks.positive(http2MaxRequests, "http2MaxRequests");
    Checks.positive(maxRequestsPerConnection, "maxRequestsPerConnection");
    Checks.nonNegative(maxRetries, "maxRetries");
    Checks.nonNegative(idleTimeout, "idleTimeout");
    Checks.nonNegative(tcpIdleTimeout, "tcpIdleTimeout");
  }

  /** Limits with the default TCP idle timeout. */
  public ConnectionLimits(
      int maxConnections,
      int http1MaxPendingRequests,
      int http2MaxRequests,
      int maxRequestsPerConnection,
      int maxRetries,
      Duration idleTimeout) {
    this(
        maxConnections,
        http1MaxPendingRequests,
        http2MaxRequests,
        maxRequestsPerConnection,
        maxRetries,
        idleTimeout,
        DEFAULT_IDLE_TIMEOUT);
  }
}
