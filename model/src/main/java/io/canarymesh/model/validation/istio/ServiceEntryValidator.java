package io.canarymesh.model.validation.istio;

import static io.canarymesh.model.validation.istio.HttpRouteValidator.list;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.canarymesh.model.validation.Names;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntry;
import io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntryResolution;
import io.fabric8.istio.api.api.networking.v1alpha3.ServicePort;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A ServiceEntry spec ({@code ValidateServiceEntry} in Istio): hosts, addresses, ports (unique
 * names and numbers, known protocols) and the endpoints its resolution allows. Endpoints come
 * either inline or from WorkloadEntries picked by {@code workloadSelector}, never both.
 */
final class ServiceEntryValidator {
  private ServiceEntryValidator() {}

  static void check(ServiceEntry spec, FieldPath path, List<FieldError> errors) {
    List<WorkloadEntry> endpoints = list(spec.getEndpoints());
    ServiceEntryResolution resolution =
        spec.getResolution() == null ? ServiceEntryResolution.NONE : spec.getResolution();
    if (spec.getWorkloadSelector() != null) {
      errors.addAll(
          Names.validateLabels(
              spec.getWorkloadSelector().getLabels(),
              path.child("workloadSelector").child("labels")));
      if (!endpoints.isEmpty()) {
        errors.add(
            FieldError.forbidden(
                path.child("endpoints"),
                "only one of WorkloadSelector or Endpoints is allowed in Service Entry"));
      }
    }
    checkHosts(list(spec.getHosts()), path.child("hosts"), errors);
    checkAddresses(list(spec.getAddresses()), resolution, path.child("addresses"), errors);
    Set<String> portNames = checkPorts(list(spec.getPorts()), path.child("ports"), errors);
    switch (resolution) {
      case NONE -> {
        if (!endpoints.isEmpty()) {
          errors.add(
              FieldError.forbidden(
                  path.child("endpoints"),
                  "no endpoints should be provided for resolution type none"));
        }
      }
      case STATIC -> checkStatic(spec, endpoints, portNames, path, errors);
      case DNS, DNS_ROUND_ROBIN -> checkDns(spec, resolution, endpoints, portNames, path, errors);
      case DYNAMIC_DNS -> checkDynamicDns(spec, endpoints, path, errors);
    }
  }

  private static void checkHosts(List<String> hosts, FieldPath path, List<FieldError> errors) {
    if (hosts.isEmpty()) {
      errors.add(FieldError.required(path, "service entry must have at least one host"));
    }
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i) == null ? "" : hosts.get(i);
      FieldPath at = path.index(i);
      if (host.equals("*")) {
        errors.add(FieldError.invalid(at, host, "invalid host *"));
      } else {
        HostSyntax.checkWildcardDomain(host)
            .ifPresent(problem -> errors.add(FieldError.invalid(at, host, problem)));
      }
    }
  }

  private static void checkAddresses(
      List<String> addresses,
      ServiceEntryResolution resolution,
      FieldPath path,
      List<FieldError> errors) {
    boolean cidr = false;
    for (int i = 0; i < addresses.size(); i++) {
      String address = addresses.get(i) == null ? "" : addresses.get(i);
      FieldPath at = path.index(i);
      cidr |= address.contains("/");
      HostSyntax.checkIpSubnet(address)
          .ifPresent(problem -> errors.add(FieldError.invalid(at, address, problem)));
    }
    if (cidr
        && resolution != ServiceEntryResolution.NONE
        && resolution != ServiceEntryResolution.STATIC) {
      errors.add(
          FieldError.invalid(
              path,
              resolution.name(),
              "CIDR addresses are allowed only for NONE/STATIC resolution types"));
    }
  }

  /** Checks the ports and returns their names, which endpoints' ports must use. */
  private static Set<String> checkPorts(
      List<ServicePort> ports, FieldPath path, List<FieldError> errors) {
    Set<String> names = new HashSet<>();
    Set<Long> numbers = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ServicePort port = ports.get(i);
      FieldPath at = path.index(i);
      if (port == null) {
        errors.add(FieldError.required(at, "service entry port may not be null"));
        continue;
      }
      String name = port.getName() == null ? "" : port.getName();
      long number = port.getNumber() == null ? 0 : port.getNumber();
      if (!names.add(name)) {
        errors.add(
            new FieldError(
                FieldError.Type.DUPLICATE,
                at.child("name"),
                name,
                "service entry port name \"" + name + "\" already defined"));
      }
      if (!numbers.add(number)) {
        errors.add(
            new FieldError(
                FieldError.Type.DUPLICATE,
                at.child("number"),
                number,
                "service entry port " + number + " already defined"));
      }
      if (port.getTargetPort() != null && port.getTargetPort() != 0) {
        PortRules.checkNumber(port.getTargetPort(), at.child("targetPort"), errors);
      }
      PortRules.checkName(name, at.child("name"), errors);
      String protocol = port.getProtocol() == null ? "" : port.getProtocol();
      // An empty protocol asks for protocol sniffing.
      if (!protocol.isEmpty() && !PortRules.isKnownProtocol(protocol)) {
        errors.add(FieldError.notSupported(at.child("protocol"), protocol, PortRules.PROTOCOLS));
      }
      PortRules.checkNumber(number, at.child("number"), errors);
    }
    return names;
  }

  /**
   * STATIC resolution sends to the endpoints' IP addresses, so endpoints must be IPs. We also
   * require some endpoints, inline or through a workloadSelector, as Istio did before workload
   * selectors existed: without any the service has nowhere to send.
   */
  private static void checkStatic(
      ServiceEntry spec,
      List<WorkloadEntry> endpoints,
      Set<String> portNames,
      FieldPath path,
      List<FieldError> errors) {
    if (endpoints.isEmpty() && spec.getWorkloadSelector() == null) {
      errors.add(
          FieldError.required(
              path.child("endpoints"),
              "endpoints or a workloadSelector must be provided for resolution type STATIC"));
    }
    checkEndpoints(endpoints, portNames, false, path.child("endpoints"), errors);
  }

  private static void checkDns(
      ServiceEntry spec,
      ServiceEntryResolution resolution,
      List<WorkloadEntry> endpoints,
      Set<String> portNames,
      FieldPath path,
      List<FieldError> errors) {
    if (endpoints.isEmpty()) {
      List<String> hosts = list(spec.getHosts());
      for (int i = 0; i < hosts.size(); i++) {
        String host = hosts.get(i) == null ? "" : hosts.get(i);
        var problem = HostSyntax.checkFqdn(host);
        if (problem.isPresent()) {
          errors.add(
              FieldError.invalid(
                  path.child("hosts").index(i),
                  host,
                  "hosts must be FQDN or contain only prefix wildcards if no endpoints are"
                      + " provided for resolution mode "
                      + resolution.name()
                      + ", "
                      + problem.get()));
          break;
        }
      }
    }
    if (resolution == ServiceEntryResolution.DNS_ROUND_ROBIN && endpoints.size() > 1) {
      errors.add(
          FieldError.invalid(
              path.child("endpoints"),
              endpoints.size(),
              "there must only be 0 or 1 endpoint for resolution mode DNS_ROUND_ROBIN"));
    }
    checkEndpoints(endpoints, portNames, true, path.child("endpoints"), errors);
  }

  private static void checkDynamicDns(
      ServiceEntry spec, List<WorkloadEntry> endpoints, FieldPath path, List<FieldError> errors) {
    List<String> hosts = list(spec.getHosts());
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i) == null ? "" : hosts.get(i);
      if (!HostSyntax.isWildcarded(host)) {
        errors.add(
            FieldError.invalid(
                path.child("hosts").index(i),
                host,
                "host must be wildcarded for resolution mode DYNAMIC_DNS"));
      }
    }
    if (!list(spec.getAddresses()).isEmpty()) {
      errors.add(
          FieldError.forbidden(
              path.child("addresses"), "addresses cannot be set for resolution type DYNAMIC_DNS"));
    }
    if (!endpoints.isEmpty()) {
      errors.add(
          FieldError.forbidden(
              path.child("endpoints"), "endpoints cannot be set for resolution type DYNAMIC_DNS"));
    }
  }

  private static void checkEndpoints(
      List<WorkloadEntry> endpoints,
      Set<String> portNames,
      boolean fqdnAllowed,
      FieldPath path,
      List<FieldError> errors) {
    for (int i = 0; i < endpoints.size(); i++) {
      WorkloadEntry endpoint = endpoints.get(i);
      if (endpoint == null) {
        errors.add(FieldError.required(path.index(i), "endpoint cannot be nil"));
      } else {
        WorkloadEntryValidator.check(
            endpoint, Optional.of(portNames), fqdnAllowed, path.index(i), errors);
      }
    }
  }
}
