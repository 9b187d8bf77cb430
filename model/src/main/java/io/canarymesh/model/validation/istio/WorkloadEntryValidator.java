package io.canarymesh.model.validation.istio;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.canarymesh.model.validation.Names;
import io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A WorkloadEntry, standing alone or as a ServiceEntry endpoint ({@code validateWorkloadEntry} in
 * Istio): an address (an IP, a host name where DNS resolution allows it, or {@code unix://}), named
 * ports within range and valid labels.
 */
final class WorkloadEntryValidator {
  private static final String UNIX_PREFIX = "unix://";

  private WorkloadEntryValidator() {}

  /**
   * @param servicePorts the port names of the enclosing ServiceEntry, or empty for a standalone
   *     WorkloadEntry (whose ports cannot be checked against a service)
   * @param fqdnAllowed whether the address may be a host name (not for STATIC resolution)
   */
  static void check(
      WorkloadEntry entry,
      Optional<Set<String>> servicePorts,
      boolean fqdnAllowed,
      FieldPath path,
      List<FieldError> errors) {
    String address = entry.getAddress() == null ? "" : entry.getAddress();
    Map<String, Long> ports = entry.getPorts() == null ? Map.of() : entry.getPorts();
    if (address.isEmpty()) {
      if (entry.getNetwork() == null || entry.getNetwork().isEmpty()) {
        errors.add(FieldError.required(path.child("address"), "address is required"));
        return;
      }
    } else if (address.startsWith(UNIX_PREFIX)) {
      if (!ports.isEmpty()) {
        errors.add(
            FieldError.forbidden(
                path.child("ports"), "unix endpoint " + address + " must not include ports"));
      }
    } else if (!HostSyntax.isIpAddress(address)) {
      checkHostAddress(address, fqdnAllowed, path.child("address"), errors);
    }
    ports.forEach(
        (name, port) -> {
          FieldPath at = path.child("ports").key(name);
          if (servicePorts.isPresent() && !servicePorts.get().contains(name)) {
            errors.add(
                FieldError.invalid(
                    at, port, "endpoint port " + port + " is not defined by the service entry"));
          }
          PortRules.checkName(name, at, errors);
          PortRules.checkNumber(port, at, errors);
        });
    errors.addAll(Names.validateLabels(entry.getLabels(), path.child("labels")));
  }

  private static void checkHostAddress(
      String address, boolean fqdnAllowed, FieldPath path, List<FieldError> errors) {
    if (!fqdnAllowed) {
      errors.add(
          FieldError.invalid(
              path, address, "endpoint address \"" + address + "\" is not a valid IP address"));
    } else if (HostSyntax.checkFqdn(address).isPresent()) {
      errors.add(
          FieldError.invalid(
              path,
              address,
              "endpoint address \"" + address + "\" is not a valid FQDN or an IP address"));
    }
  }
}
