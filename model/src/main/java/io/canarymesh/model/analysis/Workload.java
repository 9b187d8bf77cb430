package io.canarymesh.model.analysis;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pods that exist or will exist: a Deployment's pod template, a standalone Pod or ReplicaSet, or a
 * workload the platform provides (the ingress gateway).
 *
 * @param ref {@code Deployment default/micro-api-v1}
 * @param namespace where its pods run
 * @param labels the pods' labels
 * @param containerPorts every container port declared in the pod spec
 */
record Workload(
    String ref, String namespace, Map<String, String> labels, List<Port> containerPorts) {

  /** A declared container port: {@code http} 19090. */
  record Port(Optional<String> name, int number) {}

  Workload {
    labels = Map.copyOf(labels);
    containerPorts = List.copyOf(containerPorts);
  }

  /** True when every label of {@code selector} is on these pods; an empty selector selects all. */
  boolean selectedBy(Map<String, String> selector) {
    return selector.entrySet().stream()
        .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
  }

  static List<Port> portsOf(PodSpec spec) {
    if (spec == null || spec.getContainers() == null) {
      return List.of();
    }
    return spec.getContainers().stream()
        .map(Container::getPorts)
        .filter(ports -> ports != null)
        .flatMap(List::stream)
        .filter(port -> port.getContainerPort() != null)
        .map(Workload::port)
        .toList();
  }

  private static Port port(ContainerPort port) {
    String name = port.getName();
    return new Port(
        name == null || name.isEmpty() ? Optional.empty() : Optional.of(name),
        port.getContainerPort());
  }
}
