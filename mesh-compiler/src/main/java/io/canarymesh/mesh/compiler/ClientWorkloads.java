package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.ClientWorkload;
import io.fabric8.istio.api.networking.v1.WorkloadEntry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The workloads mesh listeners may see as callers, by address: every pod, then each WorkloadEntry
 * (a VM, or a process of the directory source) at an address no pod has. Istio gives such a
 * workload's sidecar only the routes its labels and namespace satisfy; here the proxy finds the
 * caller by its connection's source address, so a WorkloadEntry whose address is a host name
 * identifies nobody and is left out.
 */
final class ClientWorkloads {
  private ClientWorkloads() {}

  static List<ClientWorkload> collect(
      Map<String, ClientWorkload> pods, List<WorkloadEntry> workloadEntries) {
    Map<String, ClientWorkload> byAddress = new TreeMap<>(pods);
    workloadEntries.stream()
        .sorted(ResourceId.ISTIO_ORDER)
        .filter(entry -> entry.getSpec() != null && isIpLiteral(entry.getSpec().getAddress()))
        .forEach(
            entry ->
                byAddress.putIfAbsent(
                    entry.getSpec().getAddress(),
                    new ClientWorkload(
                        entry.getSpec().getAddress(),
                        ResourceId.of(entry).namespace(),
                        Objects.requireNonNullElse(entry.getSpec().getLabels(), Map.of()))));
    return List.copyOf(byAddress.values());
  }

  /** {@code 10.0.0.7} or an IPv6 literal ({@code fd00::7}), as opposed to a DNS name. */
  static boolean isIpLiteral(String address) {
    if (address == null || address.isEmpty()) {
      return false;
    }
    if (address.indexOf(':') >= 0) {
      return address.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
    }
    return address.matches("(\\d{1,3}\\.){3}\\d{1,3}");
  }
}
