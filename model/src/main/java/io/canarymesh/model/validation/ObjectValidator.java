package io.canarymesh.model.validation;

import static java.util.Objects.requireNonNull;

import io.canarymesh.model.validation.istio.IstioValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The one entry point for validating any served kind: metadata and the core/apps rules through
 * {@link KubernetesValidator}, then Istio's own rules for the networking.istio.io kinds. Every
 * error is collected; an empty list means valid. Expects defaulted objects ({@code
 * Defaults.apply}).
 */
public final class ObjectValidator {
  private ObjectValidator() {}

  /** Every error of {@code object} as a new object. */
  public static List<FieldError> validate(HasMetadata object) {
    requireNonNull(object, "object");
    List<FieldError> errors = new ArrayList<>(KubernetesValidator.validate(object));
    errors.addAll(IstioValidator.validate(object));
    return errors;
  }

  /** Every error of replacing {@code old} with {@code updated}, immutable fields included. */
  public static List<FieldError> validateUpdate(HasMetadata old, HasMetadata updated) {
    requireNonNull(old, "old");
    requireNonNull(updated, "updated");
    List<FieldError> errors = new ArrayList<>(KubernetesValidator.validateUpdate(old, updated));
    errors.addAll(IstioValidator.validate(updated));
    return errors;
  }
}
