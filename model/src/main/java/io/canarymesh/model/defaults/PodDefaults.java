package io.canarymesh.model.defaults;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defaults that apply to a Pod but not to pod templates ({@code SetDefaults_Pod}): requests copied
 * from limits, service links on, and host ports on the host network.
 */
final class PodDefaults {
  private PodDefaults() {}

  static void pod(Pod pod) {
    PodSpec spec = pod.getSpec();
    if (spec == null) {
      return;
    }
    PodSpecDefaults.podSpec(spec);
    if (spec.getEnableServiceLinks() == null) {
      spec.setEnableServiceLinks(true);
    }
    for (List<Container> containers : List.of(spec.getContainers(), spec.getInitContainers())) {
      for (Container container : containers == null ? List.<Container>of() : containers) {
        requestsFromLimits(container);
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
          hostPortsFromContainerPorts(container);
        }
      }
    }
  }

  // A container that sets a limit but no request for a resource requests what it limits.
  private static void requestsFromLimits(Container container) {
    ResourceRequirements resources = container.getResources();
    if (resources == null || resources.getLimits() == null || resources.getLimits().isEmpty()) {
      return;
    }
    Map<String, Quantity> requests =
        resources.getRequests() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(resources.getRequests());
    resources
        .getLimits()
        .forEach(
            (name, limit) ->
                requests.putIfAbsent(name, new Quantity(limit.getAmount(), limit.getFormat())));
    resources.setRequests(requests);
  }

  private static void hostPortsFromContainerPorts(Container container) {
    for (ContainerPort port :
        container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
      if (port.getHostPort() == null || port.getHostPort() == 0) {
        port.setHostPort(port.getContainerPort());
      }
    }
  }
}
