package io.canarymesh.mesh.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One upstream address.
 *
 * @param address an IP address (or, for DNS ServiceEntries, a host name)
 * @param port where the workload listens
 * @param labels the workload's labels (the pod's, or the WorkloadEntry's)
 * @param ready whether it may receive traffic (not-ready addresses are kept for visibility)
 */
public record Endpoint(String address, int port, Map<String, String> labels, boolean ready) {
  public Endpoint {
    Checks.nonBlank(address, "endpoint address");
    Checks.port(port, "endpoint port");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }
}
