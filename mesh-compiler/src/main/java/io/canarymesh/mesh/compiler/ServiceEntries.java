package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.Listener.Protocol;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryResolution;
import io.fabric8.istio.api.api.networking.v1alpha3.ServicePort;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.WorkloadEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ServiceEntries as mesh services, one per host. Workloads come from inline {@code endpoints}, or
 * from the WorkloadEntries of the same namespace its {@code workloadSelector} picks, or — for DNS
 * resolution without either — the host itself. An endpoint's port for a service port is its {@code
 * ports[name]}, else the port's {@code targetPort}, else the port number.
 */
final class ServiceEntries {
  private ServiceEntries() {}

  static List<MeshService> collect(
      List<ServiceEntry> entries, List<WorkloadEntry> workloadEntries, Diagnostics diagnostics) {
    List<MeshService> services = new ArrayList<>();
    for (ServiceEntry entry : entries) {
      ResourceId id = ResourceId.of(entry);
      var spec = entry.getSpec();
      List<ServicePort> ports = Objects.requireNonNullElse(spec.getPorts(), List.of());
      List<MeshService.Port> meshPorts = ports.stream().map(ServiceEntries::meshPort).toList();
      List<WorkloadSpec> workloads = workloads(entry, workloadEntries);
      if (spec.getResolution() == ServiceEntryResolution.NONE) {
        diagnostics.info(
            id,
            "resolution NONE (passthrough to the original address) is not supported: no endpoints");
      }
      for (String host : Objects.requireNonNullElse(spec.getHosts(), List.<String>of())) {
        List<WorkloadSpec> hostWorkloads =
            workloads.isEmpty() && isDns(spec.getResolution())
                ? List.of(new WorkloadSpec(host, Map.of(), Map.of()))
                : workloads;
        services.add(
            new MeshService(
                id,
                host,
                List.of(host),
                Objects.requireNonNullElse(spec.getAddresses(), List.of()),
                meshPorts,
                hostWorkloads.stream().map(w -> w.instance(ports)).toList()));
      }
    }
    return services;
  }

  /** A workload as inline endpoints and WorkloadEntries both describe it. */
  private record WorkloadSpec(String address, Map<String, Long> ports, Map<String, String> labels) {
    MeshService.Instance instance(List<ServicePort> servicePorts) {
      Map<Integer, Integer> targets = new HashMap<>();
      for (ServicePort port : servicePorts) {
        Long named = port.getName() == null ? null : ports.get(port.getName());
        Long target =
            named != null ? named : port.getTargetPort() != null ? port.getTargetPort() : null;
        targets.put(
            port.getNumber().intValue(),
            target == null ? port.getNumber().intValue() : target.intValue());
      }
      return new MeshService.Instance(address, targets, labels, true);
    }

    static WorkloadSpec of(io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry spec) {
      return new WorkloadSpec(
          spec.getAddress(),
          Objects.requireNonNullElse(spec.getPorts(), Map.of()),
          Objects.requireNonNullElse(spec.getLabels(), Map.of()));
    }
  }

  private static List<WorkloadSpec> workloads(
      ServiceEntry entry, List<WorkloadEntry> workloadEntries) {
    var spec = entry.getSpec();
    if (spec.getEndpoints() != null && !spec.getEndpoints().isEmpty()) {
      return spec.getEndpoints().stream()
          .filter(e -> e != null && e.getAddress() != null && !e.getAddress().isEmpty())
          .map(WorkloadSpec::of)
          .toList();
    }
    if (spec.getWorkloadSelector() == null) {
      return List.of();
    }
    Map<String, String> selector =
        Objects.requireNonNullElse(spec.getWorkloadSelector().getLabels(), Map.of());
    String namespace = ResourceId.of(entry).namespace();
    return workloadEntries.stream()
        .filter(we -> ResourceId.of(we).namespace().equals(namespace))
        .filter(we -> we.getSpec() != null && we.getSpec().getAddress() != null)
        .map(we -> WorkloadSpec.of(we.getSpec()))
        .filter(
            w ->
                selector.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(w.labels().get(e.getKey()))))
        .toList();
  }

  private static MeshService.Port meshPort(ServicePort port) {
    return new MeshService.Port(
        Objects.requireNonNullElse(port.getName(), ""),
        port.getNumber().intValue(),
        PortProtocols.parse(port.getProtocol()).orElse(Protocol.HTTP));
  }

  private static boolean isDns(ServiceEntryResolution resolution) {
    return resolution == ServiceEntryResolution.DNS
        || resolution == ServiceEntryResolution.DNS_ROUND_ROBIN;
  }
}
