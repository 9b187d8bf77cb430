package io.canarymesh.proxy;

import java.util.HashMap;
import java.util.Map;

/**
 * When each endpoint joined one cluster, kept across route tables: the "cluster membership
 * duration" Envoy's slow start counts from. Endpoints present when the cluster first appears count
 * as joined long ago, so a proxy start or a new cluster does not warm them (Envoy would warm them
 * all together, which splits evenly just the same); an endpoint that leaves is forgotten, so one
 * that comes back warms again, as a re-added host does in Envoy.
 */
final class EndpointAges {
  /** The join time of an endpoint that is not warming. */
  static final long LONG_AGO = Long.MIN_VALUE;

  private Map<String, Long> joined;

  /**
   * Records the endpoints {@code hostPorts} of a new table seen at {@code now} and returns when
   * each joined ({@link #LONG_AGO} for those from the cluster's first table).
   */
  synchronized long[] update(String[] hostPorts, long now) {
    boolean first = joined == null;
    Map<String, Long> next = new HashMap<>();
    long[] times = new long[hostPorts.length];
    for (int i = 0; i < hostPorts.length; i++) {
      Long known = first ? Long.valueOf(LONG_AGO) : joined.get(hostPorts[i]);
      times[i] = known != null ? known : now;
      next.put(hostPorts[i], times[i]);
    }
    joined = next;
    return times;
  }
}
