package io.canarymesh.model.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pod spec, in a Pod or in a template ({@code ValidatePodSpec}): at least one container, unique
 * container names across containers and init containers, unique host ports, and the pod-level
 * policies.
 */
final class PodSpecValidator {
  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  static final List<String> DNS_POLICIES =
      List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");

  private PodSpecValidator() {}

  static List<FieldError> validate(PodSpec spec, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    List<Container> containers = Checks.orEmpty(spec.getContainers());
    if (containers.isEmpty()) {
      errors.add(FieldError.required(path.child("containers"), ""));
    }
    Set<String> names = new HashSet<>();
    errors.addAll(
        validateContainers(
            Checks.orEmpty(spec.getInitContainers()), path.child("initContainers"), names));
    errors.addAll(validateContainers(containers, path.child("containers"), names));
    errors.addAll(uniqueHostPorts(containers, path.child("containers")));
    Checks.oneOf(spec.getRestartPolicy(), path.child("restartPolicy"), RESTART_POLICIES)
        .ifPresent(errors::add);
    Checks.oneOf(spec.getDnsPolicy(), path.child("dnsPolicy"), DNS_POLICIES).ifPresent(errors::add);
    Checks.nonNegative(
            spec.getTerminationGracePeriodSeconds(), path.child("terminationGracePeriodSeconds"))
        .ifPresent(errors::add);
    Long deadline = spec.getActiveDeadlineSeconds();
    if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
      errors.add(
          FieldError.invalid(
              path.child("activeDeadlineSeconds"),
              deadline,
              "must be between 1 and 2147483647, inclusive"));
    }
    return errors;
  }

  private static List<FieldError> validateContainers(
      List<Container> containers, FieldPath path, Set<String> names) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < containers.size(); i++) {
      Container container = containers.get(i);
      errors.addAll(ContainerValidator.validate(container, path.index(i)));
      String name = container.getName();
      if (!Checks.isEmpty(name) && !names.add(name)) {
        errors.add(FieldError.duplicate(path.index(i).child("name"), name));
      }
    }
    return errors;
  }

  // Two containers cannot bind the same host port: reported as "TCP//8080" (protocol/IP/port).
  private static List<FieldError> uniqueHostPorts(List<Container> containers, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < containers.size(); c++) {
      List<ContainerPort> ports = Checks.orEmpty(containers.get(c).getPorts());
      for (int p = 0; p < ports.size(); p++) {
        ContainerPort port = ports.get(p);
        if (port.getHostPort() == null || port.getHostPort() == 0) {
          continue;
        }
        String key =
            "%s/%s/%d"
                .formatted(
                    port.getProtocol(),
                    port.getHostIP() == null ? "" : port.getHostIP(),
                    port.getHostPort());
        if (!seen.add(key)) {
          errors.add(
              FieldError.duplicate(path.index(c).child("ports").index(p).child("hostPort"), key));
        }
      }
    }
    return errors;
  }
}
