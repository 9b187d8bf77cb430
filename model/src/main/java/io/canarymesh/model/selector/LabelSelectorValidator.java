package io.canarymesh.model.selector;

import static java.util.Objects.requireNonNull;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.canarymesh.model.validation.Names;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates a manifest's structured label selector as apimachinery's {@code ValidateLabelSelector}
 * does, for example {@code spec.selector.matchExpressions[0].values: Required value: must be
 * specified when `operator` is 'In' or 'NotIn'}.
 */
public final class LabelSelectorValidator {
  private LabelSelectorValidator() {}

  /** Every error in {@code selector}, reported under {@code path}. */
  public static List<FieldError> validate(LabelSelector selector, FieldPath path) {
    requireNonNull(selector, "selector");
    requireNonNull(path, "path");
    List<FieldError> errors =
        new ArrayList<>(Names.validateLabels(selector.getMatchLabels(), path.child("matchLabels")));
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions != null) {
      for (int i = 0; i < expressions.size(); i++) {
        errors.addAll(
            validateRequirement(expressions.get(i), path.child("matchExpressions").index(i)));
      }
    }
    return errors;
  }

  private static List<FieldError> validateRequirement(
      LabelSelectorRequirement requirement, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
    switch (operator) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          errors.add(
              FieldError.required(
                  path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!values.isEmpty()) {
          errors.add(
              FieldError.forbidden(
                  path.child("values"),
                  "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
      }
      default ->
          errors.add(
              FieldError.invalid(
                  path.child("operator"), operator, "not a valid selector operator"));
    }
    String key = requirement.getKey() == null ? "" : requirement.getKey();
    for (String problem : Names.checkQualifiedName(key)) {
      errors.add(FieldError.invalid(path.child("key"), key, problem));
    }
    for (int i = 0; i < values.size(); i++) {
      for (String problem : Names.checkLabelValue(values.get(i))) {
        errors.add(FieldError.invalid(path.child("values").index(i), values.get(i), problem));
      }
    }
    return errors;
  }
}
