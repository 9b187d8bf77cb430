package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Cluster;

/**
 * The decisions of one try at the upstream, without I/O: whether the picked cluster can take it,
 * which endpoint, which limit an overflow hit, and whether the connection goes back to the pool
 * afterwards. {@link Exchange} holds the try's state and does the I/O.
 */
final class UpstreamAttempts {
  private UpstreamAttempts() {}

  /** Why the picked cluster cannot take requests (its 503 body), or null when it serves. */
  static String unavailable(ClusterSnapshot cluster) {
    if (cluster == null) {
      return "no such cluster";
    }
    Cluster.Availability availability = cluster.cluster.availability();
    return availability == Cluster.Availability.SERVING ? null : availability.name().toLowerCase();
  }

  /**
   * The endpoint for a try: on the ring (or Maglev table) when the cluster hashes and the request
   * has a key, else by the cluster's balancer skipping ejected endpoints; negative when none is
   * ready.
   */
  static int pickEndpoint(ClusterSnapshot cluster, String hashKey) {
    return cluster.hashKey != null && hashKey != null && cluster.targets.length > 0
        ? cluster.pickByHash(hashKey)
        : cluster.avoidEjected(cluster.picker.pick());
  }

  /**
   * The limit a request that could neither connect nor wait ran into, named as Envoy's overflow
   * stats name it: the wait queue when others already wait, else the connection limit.
   */
  static String overflowLimit(ClusterCircuit circuit) {
    return circuit.pending.get() > 0 ? "http1MaxPendingRequests" : "maxConnections";
  }

  /**
   * Whether an HTTP/1.1 connection can carry another request after this response: the request went
   * out whole, the upstream keeps alive, and the connection is under maxRequestsPerConnection.
   */
  static boolean reusable(
      boolean requestComplete,
      boolean upstreamKeepAlive,
      UpstreamConnection connection,
      ClusterCircuit circuit) {
    return requestComplete
        && upstreamKeepAlive
        && connection.requests < circuit.limits().maxRequestsPerConnection()
        && connection.usable();
  }

  /**
   * Whether a released connection goes back to the pool: under saturation a waiter needs the slot
   * more than the pool needs the connection; an HTTP/2 stream is never reused (closing an ended
   * stream sends nothing); a draining proxy pools nothing.
   */
  static boolean pooled(
      UpstreamConnection upstream, boolean reusable, ClusterCircuit circuit, boolean draining) {
    return reusable && upstream.parent == null && circuit.peekWaiter() == null && !draining;
  }
}
