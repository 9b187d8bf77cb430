package io.canarymesh.model.validation;

import io.canarymesh.model.selector.LabelSelector;
import io.canarymesh.model.selector.LabelSelectorValidator;
import io.canarymesh.model.selector.SelectorException;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The selector and pod template of a Deployment or ReplicaSet ({@code
 * ValidatePodTemplateSpecForReplicaSet}): the selector is required, non-empty and valid, and it
 * must select the template's own labels; template pods must restart {@code Always}.
 */
final class PodTemplateValidator {
  private PodTemplateValidator() {}

  /**
   * Checks {@code spec.selector} and returns what it selects, or empty when it cannot be turned
   * into a selector (then, as in Kubernetes, the template is not checked further). An absent
   * selector selects nothing, so the template's labels are then reported as not matching too.
   */
  static Optional<LabelSelector> validateSelector(
      io.fabric8.kubernetes.api.model.LabelSelector selector,
      FieldPath path,
      List<FieldError> errors) {
    if (selector == null) {
      errors.add(FieldError.required(path, ""));
      return Optional.of(LabelSelector.nothing());
    }
    errors.addAll(LabelSelectorValidator.validate(selector, path));
    boolean empty =
        Checks.orEmpty(selector.getMatchExpressions()).isEmpty()
            && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty());
    if (empty) {
      // Kubernetes says "deployment" for ReplicaSets too.
      errors.add(
          FieldError.invalid(
              path, GoSyntax.labelSelector(selector), "empty selector is invalid for deployment"));
    }
    try {
      return Optional.of(LabelSelector.fromFabric8(selector));
    } catch (SelectorException invalid) {
      errors.add(
          FieldError.invalid(path, GoSyntax.labelSelector(selector), "invalid label selector"));
      return Optional.empty();
    }
  }

  static List<FieldError> validateTemplate(
      PodTemplateSpec template, LabelSelector selector, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    if (template == null) {
      errors.add(FieldError.required(path, ""));
      return errors;
    }
    ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    Map<String, String> labels = meta.getLabels() == null ? Map.of() : meta.getLabels();
    if (!selector.isEmpty() && !selector.matches(labels)) {
      errors.add(
          FieldError.invalid(
              path.child("metadata").child("labels"),
              GoSyntax.stringMap(labels),
              "`selector` does not match template `labels`"));
    }
    // Kubernetes reports template labels and annotations without "metadata".
    errors.addAll(Names.validateLabels(meta.getLabels(), path.child("labels")));
    errors.addAll(
        ObjectMetaValidator.validateAnnotations(meta.getAnnotations(), path.child("annotations")));
    if (template.getSpec() == null) {
      errors.add(FieldError.required(path.child("spec").child("containers"), ""));
      return errors;
    }
    errors.addAll(PodSpecValidator.validate(template.getSpec(), path.child("spec")));
    String restartPolicy = template.getSpec().getRestartPolicy();
    if (!"Always".equals(restartPolicy)) {
      errors.add(
          FieldError.notSupported(
              path.child("spec").child("restartPolicy"),
              restartPolicy == null ? "" : restartPolicy,
              List.of("Always")));
    }
    Long deadline = template.getSpec().getActiveDeadlineSeconds();
    if (deadline != null) {
      errors.add(
          FieldError.invalid(
              path.child("spec").child("activeDeadlineSeconds"),
              deadline,
              "activeDeadlineSeconds in ReplicaSet is not Supported"));
    }
    return errors;
  }
}
