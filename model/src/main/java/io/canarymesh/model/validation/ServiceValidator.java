package io.canarymesh.model.validation;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Service's spec ({@code ValidateService} in core validation, plus the node-port range check of
 * the port allocator). Expects a defaulted Service: type and session affinity set.
 */
final class ServiceValidator {
  static final List<String> TYPES =
      List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  static final int NODE_PORT_MIN = 30000;
  static final int NODE_PORT_MAX = 32767;

  private static final FieldPath SPEC = FieldPath.of("spec");
  private static final String NONE = "None";
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

  private ServiceValidator() {}

  static List<FieldError> validateSpec(Service service) {
    List<FieldError> errors = new ArrayList<>();
    ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
    String type = spec.getType() == null ? "" : spec.getType();
    List<ServicePort> ports = Checks.orEmpty(spec.getPorts());
    boolean headless = type.equals("ClusterIP") && NONE.equals(spec.getClusterIP());
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errors.add(FieldError.required(SPEC.child("ports"), ""));
    }
    errors.addAll(validateTypeSpecifics(spec, type, headless));
    errors.addAll(validatePorts(ports, type));
    errors.addAll(Names.validateLabels(spec.getSelector(), SPEC.child("selector")));
    Checks.oneOf(
            spec.getSessionAffinity(), SPEC.child("sessionAffinity"), List.of("ClientIP", "None"))
        .ifPresent(errors::add);
    errors.addAll(validateClusterIp(spec, type));
    Checks.oneOf(type, SPEC.child("type"), TYPES).ifPresent(errors::add);
    Checks.optionalOneOf(
            spec.getIpFamilyPolicy(),
            SPEC.child("ipFamilyPolicy"),
            List.of("SingleStack", "PreferDualStack", "RequireDualStack"))
        .ifPresent(errors::add);
    Checks.optionalOneOf(
            spec.getInternalTrafficPolicy(),
            SPEC.child("internalTrafficPolicy"),
            List.of("Cluster", "Local"))
        .ifPresent(errors::add);
    Checks.optionalOneOf(
            spec.getExternalTrafficPolicy(),
            SPEC.child("externalTrafficPolicy"),
            List.of("Cluster", "Local"))
        .ifPresent(errors::add);
    return errors;
  }

  private static List<FieldError> validateTypeSpecifics(
      ServiceSpec spec, String type, boolean headless) {
    List<FieldError> errors = new ArrayList<>();
    boolean none = NONE.equals(spec.getClusterIP());
    if (none && (type.equals("LoadBalancer") || type.equals("NodePort"))) {
      errors.add(
          FieldError.invalid(
              SPEC.child("clusterIPs").index(0),
              NONE,
              "may not be set to 'None' for " + type + " services"));
    }
    if (type.equals("ExternalName")) {
      if (!Checks.isEmpty(spec.getClusterIP())) {
        errors.add(
            FieldError.forbidden(
                SPEC.child("clusterIPs"), "may not be set for ExternalName services"));
      }
      String externalName = spec.getExternalName() == null ? "" : spec.getExternalName();
      String cname =
          externalName.endsWith(".")
              ? externalName.substring(0, externalName.length() - 1)
              : externalName;
      if (cname.isEmpty()) {
        errors.add(FieldError.required(SPEC.child("externalName"), ""));
      } else {
        for (String problem : Names.checkDns1123Subdomain(cname)) {
          errors.add(FieldError.invalid(SPEC.child("externalName"), cname, problem));
        }
      }
    }
    return errors;
  }

  private static List<FieldError> validatePorts(List<ServicePort> ports, String type) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> portKeys = new HashSet<>();
    Set<String> nodePortKeys = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ServicePort port = ports.get(i);
      FieldPath at = SPEC.child("ports").index(i);
      errors.addAll(validateName(port.getName(), ports.size() > 1, names, at.child("name")));
      int number = port.getPort() == null ? 0 : port.getPort();
      if (!PortRules.isValidPortNumber(number)) {
        errors.add(FieldError.invalid(at.child("port"), number, PortRules.PORT_RANGE));
      }
      Checks.oneOf(port.getProtocol(), at.child("protocol"), PortRules.PROTOCOLS)
          .ifPresent(errors::add);
      errors.addAll(PortRules.validateNumberOrName(port.getTargetPort(), at.child("targetPort")));
      errors.addAll(validateNodePort(port, type, at.child("nodePort"), nodePortKeys));
      String protocol = port.getProtocol() == null ? "" : port.getProtocol();
      if (!portKeys.add(protocol + "/" + number)) {
        errors.add(FieldError.duplicate(at, GoSyntax.servicePortKey(protocol, number)));
      }
    }
    return errors;
  }

  // With several ports every one needs a unique DNS-1123 label as name.
  private static List<FieldError> validateName(
      String name, boolean required, Set<String> names, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    if (Checks.isEmpty(name)) {
      if (required) {
        errors.add(FieldError.required(path, ""));
      }
      return errors;
    }
    for (String problem : Names.checkDns1123Label(name)) {
      errors.add(FieldError.invalid(path, name, problem));
    }
    if (!names.add(name)) {
      errors.add(FieldError.duplicate(path, name));
    }
    return errors;
  }

  private static List<FieldError> validateNodePort(
      ServicePort port, String type, FieldPath path, Set<String> seen) {
    List<FieldError> errors = new ArrayList<>();
    int nodePort = port.getNodePort() == null ? 0 : port.getNodePort();
    if (nodePort == 0) {
      return errors;
    }
    if (type.equals("ClusterIP") || type.equals("ExternalName")) {
      errors.add(FieldError.forbidden(path, "may not be used when `type` is '" + type + "'"));
      return errors;
    }
    if (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) {
      errors.add(
          FieldError.invalid(
              path,
              nodePort,
              "provided port is not in the valid range. The range of valid ports is %d-%d"
                  .formatted(NODE_PORT_MIN, NODE_PORT_MAX)));
    }
    if (!seen.add(port.getProtocol() + "/" + nodePort)) {
      errors.add(FieldError.duplicate(path, nodePort));
    }
    return errors;
  }

  // "" (to be allocated), "None" (headless) or an IPv4 address; clusterIPs must agree with it.
  private static List<FieldError> validateClusterIp(ServiceSpec spec, String type) {
    List<FieldError> errors = new ArrayList<>();
    String clusterIp = spec.getClusterIP();
    if (type.equals("ExternalName") || Checks.isEmpty(clusterIp) || NONE.equals(clusterIp)) {
      return errors;
    }
    if (!IPV4.matcher(clusterIp).matches()) {
      errors.add(
          FieldError.invalid(
              SPEC.child("clusterIP"),
              clusterIp,
              "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    }
    List<String> clusterIps = Checks.orEmpty(spec.getClusterIPs());
    if (!clusterIps.isEmpty() && !clusterIps.get(0).equals(clusterIp)) {
      errors.add(
          FieldError.invalid(
              SPEC.child("clusterIPs"),
              GoSyntax.strings(clusterIps),
              "first value must match `clusterIP`"));
    }
    return errors;
  }

  /** The Service errors of an update: an allocated cluster IP may not change. */
  static List<FieldError> validateUpdate(Service old, Service updated) {
    List<FieldError> errors = new ArrayList<>();
    ServiceSpec before = old.getSpec() == null ? new ServiceSpec() : old.getSpec();
    ServiceSpec after = updated.getSpec() == null ? new ServiceSpec() : updated.getSpec();
    boolean externalName =
        "ExternalName".equals(before.getType()) || "ExternalName".equals(after.getType());
    String oldIp = before.getClusterIP();
    String newIp = after.getClusterIP();
    if (!externalName && !Checks.isEmpty(oldIp) && !Checks.isEmpty(newIp) && !oldIp.equals(newIp)) {
      errors.add(
          FieldError.invalid(
              SPEC.child("clusterIPs").index(0),
              GoSyntax.strings(List.of(newIp)),
              "may not change once set"));
    }
    return errors;
  }
}
