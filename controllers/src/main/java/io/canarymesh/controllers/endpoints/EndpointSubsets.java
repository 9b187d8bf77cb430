package io.canarymesh.controllers.endpoints;

import io.canarymesh.controllers.deployment.PodAvailability;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Service's endpoint subsets from its pods, as the Endpoints controller computes and repacks
 * them: each pod with an IP and not terminating contributes, per Service port, its address (ready
 * or not) on the resolved target port; pods sharing the same set of ports share one subset.
 *
 * <p>Example: Service port {@code http} 19090 → targetPort 9090, pods 127.244.0.2 (ready) and
 * 127.244.0.3 (not ready) → one subset, addresses [127.244.0.2], notReadyAddresses [127.244.0.3],
 * ports [http 9090/TCP]. A named targetPort {@code web} resolves per pod to its container port
 * named {@code web}; a pod without one is left out of that port.
 */
public final class EndpointSubsets {
  private EndpointSubsets() {}

  public static List<EndpointSubset> of(Service service, List<Pod> selectedPods) {
    // ports (canonical key) → [ports, ready addresses, not-ready addresses]
    Map<String, Group> groups = new TreeMap<>();
    // publishNotReadyAddresses: every pod is an address, ready or not (e.g. for peer discovery).
    boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
    for (Pod pod : selectedPods) {
      if (!eligible(pod)) {
        continue;
      }
      List<EndpointPort> ports = new ArrayList<>();
      for (ServicePort servicePort : service.getSpec().getPorts()) {
        resolve(servicePort, pod).ifPresent(ports::add);
      }
      if (ports.isEmpty()) {
        continue;
      }
      ports.sort(Comparator.comparing(EndpointSubsets::portKey));
      String key = String.join(",", ports.stream().map(EndpointSubsets::portKey).toList());
      Group group = groups.computeIfAbsent(key, k -> new Group(ports));
      boolean ready = publishNotReady || PodAvailability.isReady(pod);
      (ready ? group.ready : group.notReady).add(address(pod));
    }
    List<EndpointSubset> subsets = new ArrayList<>();
    for (Group group : groups.values()) {
      group.ready.sort(Comparator.comparing(EndpointAddress::getIp));
      group.notReady.sort(Comparator.comparing(EndpointAddress::getIp));
      subsets.add(
          new EndpointSubsetBuilder()
              .withAddresses(group.ready.isEmpty() ? null : group.ready)
              .withNotReadyAddresses(group.notReady.isEmpty() ? null : group.notReady)
              .withPorts(group.ports)
              .build());
    }
    return subsets;
  }

  private static final class Group {
    final List<EndpointPort> ports;
    final List<EndpointAddress> ready = new ArrayList<>();
    final List<EndpointAddress> notReady = new ArrayList<>();

    Group(List<EndpointPort> ports) {
      this.ports = ports;
    }
  }

  /** Has an IP, is not terminating and not finished ({@code ShouldPodBeInEndpoints}). */
  static boolean eligible(Pod pod) {
    if (pod.getStatus() == null
        || pod.getStatus().getPodIP() == null
        || pod.getStatus().getPodIP().isEmpty()) {
      return false;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    String phase = pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  /** The Service port on this pod: numeric targetPort as is, a name via the container ports. */
  static Optional<EndpointPort> resolve(ServicePort servicePort, Pod pod) {
    IntOrString target = servicePort.getTargetPort();
    String protocol = servicePort.getProtocol() == null ? "TCP" : servicePort.getProtocol();
    Optional<Integer> number;
    if (target == null) {
      number = Optional.of(servicePort.getPort());
    } else if (target.getIntVal() != null) {
      number = Optional.of(target.getIntVal());
    } else {
      number = containerPort(pod, target.getStrVal(), protocol);
    }
    return number.map(
        port ->
            new EndpointPortBuilder()
                .withName(servicePort.getName())
                .withPort(port)
                .withProtocol(protocol)
                .withAppProtocol(servicePort.getAppProtocol())
                .build());
  }

  /** {@code FindPort}: the container port named {@code name} with the Service's protocol. */
  private static Optional<Integer> containerPort(Pod pod, String name, String protocol) {
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return Optional.empty();
    }
    for (Container container : pod.getSpec().getContainers()) {
      for (ContainerPort port : Optional.ofNullable(container.getPorts()).orElse(List.of())) {
        String portProtocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        if (name.equals(port.getName()) && protocol.equals(portProtocol)) {
          return Optional.of(port.getContainerPort());
        }
      }
    }
    return Optional.empty();
  }

  private static EndpointAddress address(Pod pod) {
    return new EndpointAddressBuilder()
        .withIp(pod.getStatus().getPodIP())
        .withNodeName(pod.getSpec() == null ? null : pod.getSpec().getNodeName())
        .withNewTargetRef()
        .withKind("Pod")
        .withNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .withUid(pod.getMetadata().getUid())
        .endTargetRef()
        .build();
  }

  private static String portKey(EndpointPort port) {
    return (port.getName() == null ? "" : port.getName())
        + "/"
        + port.getPort()
        + "/"
        + port.getProtocol();
  }

  /** Service selector as a map (empty means "no selector": endpoints are managed by hand). */
  static Map<String, String> selector(Service service) {
    Map<String, String> selector = service.getSpec().getSelector();
    return selector == null ? Map.of() : new LinkedHashMap<>(selector);
  }

  /** Whether {@code pod} carries every label of {@code selector}. */
  static boolean matches(Map<String, String> selector, Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return !selector.isEmpty()
        && labels != null
        && labels.entrySet().containsAll(selector.entrySet());
  }
}
