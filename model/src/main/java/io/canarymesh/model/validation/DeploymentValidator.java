package io.canarymesh.model.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A Deployment's spec ({@code ValidateDeploymentSpec} in apps validation). */
final class DeploymentValidator {
  private static final FieldPath SPEC = FieldPath.of("spec");
  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");
  private static final String PERCENT_FORMAT =
      "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%', "
          + " or '93%', regex used for validation is '[0-9]+%')";

  private DeploymentValidator() {}

  static List<FieldError> validateSpec(Deployment deployment) {
    List<FieldError> errors = new ArrayList<>();
    DeploymentSpec spec = deployment.getSpec();
    if (spec == null) {
      errors.add(FieldError.required(SPEC.child("selector"), ""));
      errors.add(FieldError.required(SPEC.child("template"), ""));
      return errors;
    }
    Checks.nonNegative(spec.getReplicas(), SPEC.child("replicas")).ifPresent(errors::add);
    PodTemplateValidator.validateSelector(spec.getSelector(), SPEC.child("selector"), errors)
        .ifPresent(
            selector ->
                errors.addAll(
                    PodTemplateValidator.validateTemplate(
                        spec.getTemplate(), selector, SPEC.child("template"))));
    errors.addAll(validateStrategy(spec.getStrategy(), SPEC.child("strategy")));
    int minReadySeconds = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
    Checks.nonNegative(minReadySeconds, SPEC.child("minReadySeconds")).ifPresent(errors::add);
    Checks.nonNegative(spec.getRevisionHistoryLimit(), SPEC.child("revisionHistoryLimit"))
        .ifPresent(errors::add);
    Integer deadline = spec.getProgressDeadlineSeconds();
    if (deadline != null) {
      FieldPath path = SPEC.child("progressDeadlineSeconds");
      Checks.nonNegative(deadline, path).ifPresent(errors::add);
      if (deadline <= minReadySeconds) {
        errors.add(FieldError.invalid(path, deadline, "must be greater than minReadySeconds"));
      }
    }
    return errors;
  }

  private static List<FieldError> validateStrategy(DeploymentStrategy strategy, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    DeploymentStrategy given = strategy == null ? new DeploymentStrategy() : strategy;
    String type = given.getType() == null ? "" : given.getType();
    switch (type) {
      case "Recreate" -> {
        if (given.getRollingUpdate() != null) {
          errors.add(
              FieldError.forbidden(
                  path.child("rollingUpdate"),
                  "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        if (given.getRollingUpdate() == null) {
          errors.add(
              FieldError.required(
                  path.child("rollingUpdate"), "this should be defaulted and never be nil"));
        } else {
          errors.addAll(
              validateRollingUpdate(given.getRollingUpdate(), path.child("rollingUpdate")));
        }
      }
      default ->
          errors.add(
              FieldError.notSupported(
                  path, goStrategy(given), List.of("Recreate", "RollingUpdate")));
    }
    return errors;
  }

  // Worked example: maxSurge 0 and maxUnavailable "0%" would never make progress, so rejected.
  private static List<FieldError> validateRollingUpdate(
      RollingUpdateDeployment rollingUpdate, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    IntOrString maxUnavailable = orZero(rollingUpdate.getMaxUnavailable());
    IntOrString maxSurge = orZero(rollingUpdate.getMaxSurge());
    errors.addAll(validateIntOrPercent(maxUnavailable, path.child("maxUnavailable")));
    errors.addAll(validateIntOrPercent(maxSurge, path.child("maxSurge")));
    if (value(maxUnavailable) == 0 && value(maxSurge) == 0) {
      errors.add(
          FieldError.invalid(
              path.child("maxUnavailable"),
              GoSyntax.intOrString(maxUnavailable),
              "may not be 0 when `maxSurge` is 0"));
    }
    if (isPercent(maxUnavailable) && value(maxUnavailable) > 100) {
      errors.add(
          FieldError.invalid(
              path.child("maxUnavailable"),
              GoSyntax.intOrString(maxUnavailable),
              "must not be greater than 100%"));
    }
    return errors;
  }

  private static List<FieldError> validateIntOrPercent(IntOrString value, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    if (value.getStrVal() != null) {
      if (!PERCENT.matcher(value.getStrVal()).matches()) {
        errors.add(FieldError.invalid(path, GoSyntax.intOrString(value), PERCENT_FORMAT));
      }
    } else {
      Checks.nonNegative(value.getIntVal(), path).ifPresent(errors::add);
    }
    return errors;
  }

  private static boolean isPercent(IntOrString value) {
    return value.getStrVal() != null && PERCENT.matcher(value.getStrVal()).matches();
  }

  /**
   * The number in "25%" or 3; like Go's {@code IntValue}, a string that is not a number counts as
   * 0.
   */
  private static long value(IntOrString value) {
    if (value.getStrVal() == null) {
      return value.getIntVal() == null ? 0 : value.getIntVal();
    }
    String text = isPercent(value) ? value.getStrVal().replace("%", "") : value.getStrVal();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notANumber) {
      return 0;
    }
  }

  private static IntOrString orZero(IntOrString value) {
    return value == null || value.getValue() == null ? new IntOrString(0) : value;
  }

  private static GoSyntax.GoValue goStrategy(DeploymentStrategy strategy) {
    String rollingUpdate =
        strategy.getRollingUpdate() == null
            ? "(*apps.RollingUpdateDeployment)(nil)"
            : "&apps.RollingUpdateDeployment{MaxUnavailable:"
                + GoSyntax.intOrString(orZero(strategy.getRollingUpdate().getMaxUnavailable()))
                + ", MaxSurge:"
                + GoSyntax.intOrString(orZero(strategy.getRollingUpdate().getMaxSurge()))
                + "}";
    return new GoSyntax.GoValue(
        "apps.DeploymentStrategy{Type:"
            + GoSyntax.quote(strategy.getType() == null ? "" : strategy.getType())
            + ", RollingUpdate:"
            + rollingUpdate
            + "}");
  }
}
