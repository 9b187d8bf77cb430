package io.canarymesh.mesh.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workload that may call through the service proxy, known by the address its connections come
 * from: what {@code sourceLabels} and {@code sourceNamespace} matches are checked against on mesh
 * listeners. In Istio each pod's sidecar only gets the routes whose source conditions its own pod
 * satisfies; our one shared proxy finds the caller by the connection's source address instead.
 *
 * @param address the workload's IP address (a pod IP, or a WorkloadEntry's address)
 * @param namespace the pod's or WorkloadEntry's namespace
 * @param labels the pod's or WorkloadEntry's labels
 */
public record ClientWorkload(String address, String namespace, Map<String, String> labels) {
  public ClientWorkload {
    Checks.nonBlank(address, "client workload address");
    Checks.nonBlank(namespace, "client workload namespace");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }
}
