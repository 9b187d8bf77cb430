package io.canarymesh.mesh.compiler;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes Services and their Endpoints as mesh services. An endpoint's labels are its pod's
 * (looked up by IP), so DestinationRule subsets can select them; not-ready addresses are kept,
 * marked not ready.
 */
final class KubernetesServices {
  private KubernetesServices() {}

  static List<MeshService> collect(
      List<Service> services,
      List<Endpoints> endpoints,
      Map<String, Map<String, String>> podLabels,
      Diagnostics diagnostics) {
    Map<ResourceId, Endpoints> endpointsById = new HashMap<>();
    endpoints.forEach(e -> endpointsById.put(ResourceId.of(e).withKind("Service"), e));
    return services.stream()
        .sorted(Comparator.comparing(s -> ResourceId.of(s).namespacedName()))
        .filter(service -> isRoutable(service, diagnostics))
        .map(service -> toMeshService(service, endpointsById, podLabels))
        .toList();
  }

  private static boolean isRoutable(Service service, Diagnostics diagnostics) {
    if (service.getSpec() == null) {
      return false;
    }
    if ("ExternalName".equals(service.getSpec().getType())) {
      diagnostics.info(
          ResourceId.of(service), "ExternalName services are not served by the mesh; skipped");
      return false;
    }
    return true;
  }

  private static MeshService toMeshService(
      Service service,
      Map<ResourceId, Endpoints> endpointsById,
      Map<String, Map<String, String>> podLabels) {
    ResourceId id = ResourceId.of(service);
    List<ServicePort> servicePorts =
        Objects.requireNonNullElse(service.getSpec().getPorts(), List.of());
    List<MeshService.Port> ports =
        servicePorts.stream()
            .filter(port -> port.getPort() != null && !"UDP".equals(port.getProtocol()))
            .map(
                port ->
                    new MeshService.Port(
                        Objects.requireNonNullElse(port.getName(), ""),
                        port.getPort(),
                        PortProtocols.ofKubernetesPort(port.getName(), port.getAppProtocol())))
            .toList();
    List<MeshService.Instance> instances =
        Optional.ofNullable(endpointsById.get(id))
            .map(e -> instances(e, ports, podLabels))
            .orElse(List.of());
    return new MeshService(
        id,
        HostNames.ofService(id.name(), id.namespace()),
        withClusterIp(HostNames.serviceAliases(id.name(), id.namespace()), clusterIp(service)),
        clusterIp(service).map(List::of).orElse(List.of()),
        ports,
        instances);
  }

  private static List<String> withClusterIp(List<String> aliases, Optional<String> clusterIp) {
    List<String> all = new ArrayList<>(aliases);
    clusterIp.ifPresent(all::add);
    return all;
  }

  /** The ClusterIP a mesh listener can serve; none for headless services. */
  private static Optional<String> clusterIp(Service service) {
    String ip = service.getSpec().getClusterIP();
    return ip == null || ip.isEmpty() || ip.equals("None") ? Optional.empty() : Optional.of(ip);
  }

  private static List<MeshService.Instance> instances(
      Endpoints endpoints,
      List<MeshService.Port> ports,
      Map<String, Map<String, String>> podLabels) {
    List<MeshService.Instance> instances = new ArrayList<>();
    for (EndpointSubset subset :
        Objects.requireNonNullElse(endpoints.getSubsets(), List.<EndpointSubset>of())) {
      Map<Integer, Integer> targetPorts = targetPorts(subset, ports);
      addAll(instances, subset.getAddresses(), targetPorts, podLabels, true);
      addAll(instances, subset.getNotReadyAddresses(), targetPorts, podLabels, false);
    }
    return instances;
  }

  private static void addAll(
      List<MeshService.Instance> out,
      List<EndpointAddress> addresses,
      Map<Integer, Integer> targetPorts,
      Map<String, Map<String, String>> podLabels,
      boolean ready) {
    if (addresses == null) {
      return;
    }
    addresses.stream()
        .map(EndpointAddress::getIp)
        .filter(ip -> ip != null && !ip.isEmpty())
        .forEach(
            ip ->
                out.add(
                    new MeshService.Instance(
                        ip, targetPorts, podLabels.getOrDefault(ip, Map.of()), ready)));
  }

  /**
   * Service port → endpoint port, matched by port name as the endpoints controller writes them (an
   * unnamed single port matches the subset's single port).
   */
  private static Map<Integer, Integer> targetPorts(
      EndpointSubset subset, List<MeshService.Port> ports) {
    List<EndpointPort> endpointPorts =
        Objects.requireNonNullElse(subset.getPorts(), List.<EndpointPort>of());
    Map<Integer, Integer> targets = new HashMap<>();
    for (MeshService.Port port : ports) {
      endpointPorts.stream()
          .filter(e -> e.getPort() != null && !"UDP".equals(e.getProtocol()))
          .filter(e -> Objects.requireNonNullElse(e.getName(), "").equals(port.name()))
          .findFirst()
          .ifPresent(e -> targets.put(port.number(), e.getPort()));
    }
    return targets;
  }
}
