package io.canarymesh.model.validation;

import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.util.ArrayList;
import java.util.List;

/** Liveness, readiness and startup probes ({@code validateProbe} and {@code validateHandler}). */
final class ProbeValidator {
  enum Purpose {
    LIVENESS,
    READINESS,
    STARTUP
  }

  private ProbeValidator() {}

  static List<FieldError> validate(Probe probe, Purpose purpose, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    if (probe == null) {
      return errors;
    }
    errors.addAll(validateHandler(probe, path));
    Checks.nonNegative(probe.getInitialDelaySeconds(), path.child("initialDelaySeconds"))
        .ifPresent(errors::add);
    Checks.nonNegative(probe.getTimeoutSeconds(), path.child("timeoutSeconds"))
        .ifPresent(errors::add);
    Checks.nonNegative(probe.getPeriodSeconds(), path.child("periodSeconds"))
        .ifPresent(errors::add);
    Checks.nonNegative(probe.getSuccessThreshold(), path.child("successThreshold"))
        .ifPresent(errors::add);
    Checks.nonNegative(probe.getFailureThreshold(), path.child("failureThreshold"))
        .ifPresent(errors::add);
    Long grace = probe.getTerminationGracePeriodSeconds();
    if (grace != null && purpose == Purpose.READINESS) {
      errors.add(
          FieldError.invalid(
              path.child("terminationGracePeriodSeconds"),
              grace,
              "must not be set for readinessProbes"));
    } else if (grace != null && grace <= 0) {
      errors.add(
          FieldError.invalid(
              path.child("terminationGracePeriodSeconds"), grace, "must be greater than 0"));
    }
    // Liveness and startup probes fail or pass on one result.
    Integer success = probe.getSuccessThreshold();
    if (purpose != Purpose.READINESS && success != null && success != 1) {
      errors.add(FieldError.invalid(path.child("successThreshold"), success, "must be 1"));
    }
    return errors;
  }

  // Exactly one of exec, httpGet, tcpSocket and grpc; the extra ones are reported.
  private static List<FieldError> validateHandler(Probe probe, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    int handlers = 0;
    ExecAction exec = probe.getExec();
    if (exec != null) {
      handlers++;
      if (Checks.orEmpty(exec.getCommand()).isEmpty()) {
        errors.add(FieldError.required(path.child("exec").child("command"), ""));
      }
    }
    HTTPGetAction httpGet = probe.getHttpGet();
    if (httpGet != null && tooMany(handlers++, path.child("httpGet"), errors)) {
      errors.addAll(validateHttpGet(httpGet, path.child("httpGet")));
    }
    TCPSocketAction tcpSocket = probe.getTcpSocket();
    if (tcpSocket != null && tooMany(handlers++, path.child("tcpSocket"), errors)) {
      errors.addAll(
          PortRules.validateNumberOrName(
              tcpSocket.getPort(), path.child("tcpSocket").child("port")));
    }
    GRPCAction grpc = probe.getGrpc();
    if (grpc != null && tooMany(handlers++, path.child("grpc"), errors)) {
      int port = grpc.getPort() == null ? 0 : grpc.getPort();
      if (!PortRules.isValidPortNumber(port)) {
        errors.add(
            FieldError.invalid(path.child("grpc").child("port"), port, PortRules.PORT_RANGE));
      }
    }
    if (handlers == 0) {
      errors.add(FieldError.required(path, "must specify a handler type"));
    }
    return errors;
  }

  /** True when this handler is the first; otherwise records the Forbidden error. */
  private static boolean tooMany(int handlersBefore, FieldPath path, List<FieldError> errors) {
    if (handlersBefore > 0) {
      errors.add(FieldError.forbidden(path, "may not specify more than 1 handler type"));
      return false;
    }
    return true;
  }

  private static List<FieldError> validateHttpGet(HTTPGetAction action, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    if (Checks.isEmpty(action.getPath())) {
      errors.add(FieldError.required(path.child("path"), ""));
    }
    errors.addAll(PortRules.validateNumberOrName(action.getPort(), path.child("port")));
    Checks.optionalOneOf(action.getScheme(), path.child("scheme"), List.of("HTTP", "HTTPS"))
        .ifPresent(errors::add);
    return errors;
  }
}
