package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.Endpoint;
import io.canarymesh.mesh.model.Listener;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service as the mesh sees it, whether a Kubernetes Service or a ServiceEntry host.
 *
 * @param source the resource it came from
 * @param host its FQDN (or the ServiceEntry host)
 * @param aliases the names a client may use for it, the host first
 * @param addresses virtual IPs a mesh listener serves (ClusterIP, ServiceEntry addresses)
 * @param ports its ports
 * @param instances its workloads, ready or not
 */
record MeshService(
    ResourceId source,
    String host,
    List<String> aliases,
    List<String> addresses,
    List<Port> ports,
    List<Instance> instances) {

  MeshService {
    aliases = List.copyOf(aliases);
    addresses = List.copyOf(addresses);
    ports = List.copyOf(ports);
    instances = List.copyOf(instances);
  }

  /** A service port: {@code http} 19090, spoken as HTTP. */
  record Port(String name, int number, Listener.Protocol protocol) {}

  /**
   * A workload behind the service.
   *
   * @param targetPorts the workload's port for each service port it serves
   */
  record Instance(
      String address,
      Map<Integer, Integer> targetPorts,
      Map<String, String> labels,
      boolean ready) {
    Instance {
      targetPorts = Map.copyOf(targetPorts);
      labels = Map.copyOf(labels);
    }

    /** True when every label of {@code selector} is on this workload. */
    boolean selectedBy(Map<String, String> selector) {
      return selector.entrySet().stream()
          .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
    }
  }

  Optional<Port> port(int number) {
    return ports.stream().filter(port -> port.number() == number).findFirst();
  }

  /** The endpoints serving {@code servicePort} whose labels contain {@code selector}. */
  List<Endpoint> endpoints(int servicePort, Map<String, String> selector) {
    return instances.stream()
        .filter(instance -> instance.targetPorts().containsKey(servicePort))
        .filter(instance -> instance.selectedBy(selector))
        .map(
            instance ->
                new Endpoint(
                    instance.address(),
                    instance.targetPorts().get(servicePort),
                    instance.labels(),
                    instance.ready()))
        .toList();
  }
}
