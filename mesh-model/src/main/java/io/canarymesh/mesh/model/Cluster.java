package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A set of endpoints for one service host, port and subset, with the policies the DestinationRule
 * gives it.
 *
 * @param name {@code outbound|9090|v1|micro-api.default.svc.cluster.local}; see {@link #nameOf}
 * @param host the service host (FQDN or ServiceEntry host)
 * @param port the service port (0 when a route named no port and none could be inferred)
 * @param subset the DestinationRule subset, if any
 * @param availability whether the cluster exists or only answers 503
 * @param endpoints the endpoints, ready or not; the proxy sends only to ready ones, and answers 503
 *     {@code UH} when there are none
 * @param lbPolicy how an endpoint is picked
 * @param limits connection-pool limits (per proxy, per cluster)
 * @param outlierDetection passive health checking, if configured
 * @param connectTimeout TCP connect timeout toward endpoints (10 s by default)
 * @param protocol what the proxy speaks to the endpoints: HTTP/2 for {@code grpc}/{@code http2}
 *     ports or {@code h2UpgradePolicy: UPGRADE}, else HTTP/1.1
 */
public record Cluster(
    String name,
    String host,
    int port,
    Optional<String> subset,
    Availability availability,
    List<Endpoint> endpoints,
    LbPolicy lbPolicy,
    ConnectionLimits limits,
    Optional<OutlierDetection> outlierDetection,
    Duration connectTimeout,
    UpstreamProtocol protocol) {

  /** Istio's default TCP connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Whether a cluster can serve, and if not, why every request to it gets 503. */
  public enum Availability {
    /** Has a service behind it (its endpoints may still all be gone: 503 {@code UH}). */
    SERVING,
    /** A route named a subset the DestinationRule does not define. */
    NO_SUCH_SUBSET,
    /** A route named a host no Service or ServiceEntry declares. */
    NO_SUCH_HOST,
    /** A route named a port the service does not declare (or none, for a multi-port service). */
    NO_SUCH_PORT
  }

  /** The protocol toward a cluster's endpoints (Envoy's upstream HTTP protocol options). */
  public enum UpstreamProtocol {
    HTTP1,
    /** Cleartext HTTP/2 with prior knowledge, many requests multiplexed on one connection. */
    HTTP2
  }

  /** An HTTP/1.1 cluster (kept so callers that predate {@code protocol} stay unchanged). */
  public Cluster(
      String name,
      String host,
      int port,
      Optional<String> subset,
      Availability availability,
      List<Endpoint> endpoints,
      LbPolicy lbPolicy,
      ConnectionLimits limits,
      Optional<OutlierDetection> outlierDetection,
      Duration connectTimeout) {
    this(
        name,
        host,
        port,
        subset,
        availability,
        endpoints,
        lbPolicy,
        limits,
        outlierDetection,
        connectTimeout,
        UpstreamProtocol.HTTP1);
  }

  public Cluster {
    Checks.nonBlank(name, "cluster name");
    Checks.nonBlank(host, "cluster host");
    Checks.port(port, "cluster port");
    requireNonNull(subset, "subset");
    requireNonNull(availability, "availability");
    endpoints = List.copyOf(endpoints);
    if (availability != Availability.SERVING && !endpoints.isEmpty()) {
      throw new IllegalArgumentException(
          "cluster " + name + " is " + availability + " and cannot have endpoints");
    }
    requireNonNull(lbPolicy, "lbPolicy");
    requireNonNull(limits, "limits");
    requireNonNull(outlierDetection, "outlierDetection");
    Checks.nonNegative(connectTimeout, "connectTimeout");
    requireNonNull(protocol, "protocol");
  }

  /**
   * Istio's cluster name: {@code outbound|9090|v1|micro-api.default.svc.cluster.local}, with an
   * empty subset for the whole service ({@code outbound|9090||...}).
   */
  public static String nameOf(int port, Optional<String> subset, String host) {
    return "outbound|" + port + "|" + subset.orElse("") + "|" + host;
  }

  /** A cluster that exists only to answer 503 with the reason {@code availability} gives. */
  public static Cluster unavailable(
      int port, Optional<String> subset, String host, Availability availability) {
    if (availability == Availability.SERVING) {
      throw new IllegalArgumentException("an unavailable cluster cannot be SERVING");
    }
    return new Cluster(
        nameOf(port, subset, host),
        host,
        port,
        subset,
        availability,
        List.of(),
        LbPolicy.DEFAULT,
        ConnectionLimits.UNLIMITED,
        Optional.empty(),
        DEFAULT_CONNECT_TIMEOUT);
  }

  /** The endpoints that may receive traffic. */
  public List<Endpoint> readyEndpoints() {
    return endpoints.stream().filter(Endpoint::ready).toList();
  }
}
