package io.canarymesh.model.validation;

import io.canarymesh.model.validation.ProbeValidator.Purpose;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One container of a pod spec ({@code validateContainers} in core validation): name, image, ports,
 * env, probes, pull and termination-message policies. Duplicate names across containers are the pod
 * spec's business.
 */
final class ContainerValidator {
  static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");

  private ContainerValidator() {}

  static List<FieldError> validate(Container container, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    String name = container.getName();
    if (Checks.isEmpty(name)) {
      errors.add(FieldError.required(path.child("name"), ""));
    } else {
      for (String problem : Names.checkDns1123Label(name)) {
        errors.add(FieldError.invalid(path.child("name"), name, problem));
      }
    }
    if (Checks.isEmpty(container.getImage())) {
      errors.add(FieldError.required(path.child("image"), ""));
    }
    errors.addAll(validatePorts(Checks.orEmpty(container.getPorts()), path.child("ports")));
    errors.addAll(validateEnv(Checks.orEmpty(container.getEnv()), path.child("env")));
    errors.addAll(
        ProbeValidator.validate(
            container.getLivenessProbe(), Purpose.LIVENESS, path.child("livenessProbe")));
    errors.addAll(
        ProbeValidator.validate(
            container.getReadinessProbe(), Purpose.READINESS, path.child("readinessProbe")));
    errors.addAll(
        ProbeValidator.validate(
            container.getStartupProbe(), Purpose.STARTUP, path.child("startupProbe")));
    Checks.oneOf(container.getImagePullPolicy(), path.child("imagePullPolicy"), PULL_POLICIES)
        .ifPresent(errors::add);
    validateTerminationMessagePolicy(container.getTerminationMessagePolicy(), path, errors);
    return errors;
  }

  private static void validateTerminationMessagePolicy(
      String policy, FieldPath path, List<FieldError> errors) {
    FieldPath policyPath = path.child("terminationMessagePolicy");
    if (Checks.isEmpty(policy)) {
      errors.add(FieldError.required(policyPath, "must be 'File' or 'FallbackToLogsOnError'"));
    } else {
      Checks.optionalOneOf(policy, policyPath, TERMINATION_MESSAGE_POLICIES).ifPresent(errors::add);
    }
  }

  private static List<FieldError> validatePorts(List<ContainerPort> ports, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ContainerPort port = ports.get(i);
      FieldPath at = path.index(i);
      String name = port.getName();
      if (!Checks.isEmpty(name)) {
        List<String> problems = PortRules.checkPortName(name);
        problems.forEach(
            problem -> errors.add(FieldError.invalid(at.child("name"), name, problem)));
        if (problems.isEmpty() && !names.add(name)) {
          errors.add(FieldError.duplicate(at.child("name"), name));
        }
      }
      int containerPort = port.getContainerPort() == null ? 0 : port.getContainerPort();
      if (containerPort == 0) {
        errors.add(FieldError.required(at.child("containerPort"), ""));
      } else if (!PortRules.isValidPortNumber(containerPort)) {
        errors.add(
            FieldError.invalid(at.child("containerPort"), containerPort, PortRules.PORT_RANGE));
      }
      int hostPort = port.getHostPort() == null ? 0 : port.getHostPort();
      if (hostPort != 0 && !PortRules.isValidPortNumber(hostPort)) {
        errors.add(FieldError.invalid(at.child("hostPort"), hostPort, PortRules.PORT_RANGE));
      }
      Checks.oneOf(port.getProtocol(), at.child("protocol"), PortRules.PROTOCOLS)
          .ifPresent(errors::add);
    }
    return errors;
  }

  // Names follow the relaxed rule, on by default since Kubernetes 1.32: printable ASCII but '='.
  private static List<FieldError> validateEnv(List<EnvVar> env, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < env.size(); i++) {
      EnvVar variable = env.get(i);
      FieldPath at = path.index(i);
      String name = variable.getName() == null ? "" : variable.getName();
      if (name.isEmpty()) {
        errors.add(FieldError.required(at.child("name"), ""));
        errors.add(
            FieldError.invalid(
                at.child("name"), name, "environment variable name must be non-empty"));
      } else if (!name.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '=')) {
        errors.add(
            FieldError.invalid(
                at.child("name"),
                name,
                "a valid environment variable name must consist only of printable ASCII characters"
                    + " other than '='"));
      }
      validateValueFrom(variable, at.child("valueFrom"), errors);
    }
    return errors;
  }

  private static void validateValueFrom(EnvVar variable, FieldPath path, List<FieldError> errors) {
    EnvVarSource source = variable.getValueFrom();
    if (source == null) {
      return;
    }
    long sources =
        java.util.stream.Stream.of(
                source.getFieldRef(),
                source.getResourceFieldRef(),
                source.getConfigMapKeyRef(),
                source.getSecretKeyRef(),
                source.getFileKeyRef())
            .filter(java.util.Objects::nonNull)
            .count();
    if (sources == 0) {
      errors.add(
          FieldError.invalid(
              path,
              "",
              "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or"
                  + " `secretKeyRef`"));
    } else if (!Checks.isEmpty(variable.getValue())) {
      errors.add(FieldError.invalid(path, "", "may not be specified when `value` is not empty"));
    } else if (sources > 1) {
      errors.add(
          FieldError.invalid(path, "", "may not have more than one field specified at a time"));
    }
  }
}
