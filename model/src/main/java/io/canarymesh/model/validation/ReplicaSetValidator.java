package io.canarymesh.model.validation;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import java.util.ArrayList;
import java.util.List;

/** A ReplicaSet's spec ({@code ValidateReplicaSetSpec} in apps validation). */
final class ReplicaSetValidator {
  private static final FieldPath SPEC = FieldPath.of("spec");

  private ReplicaSetValidator() {}

  static List<FieldError> validateSpec(ReplicaSet replicaSet) {
    List<FieldError> errors = new ArrayList<>();
    ReplicaSetSpec spec = replicaSet.getSpec();
    if (spec == null) {
      errors.add(FieldError.required(SPEC.child("selector"), ""));
      errors.add(FieldError.required(SPEC.child("template"), ""));
      return errors;
    }
    Checks.nonNegative(spec.getReplicas(), SPEC.child("replicas")).ifPresent(errors::add);
    Checks.nonNegative(spec.getMinReadySeconds(), SPEC.child("minReadySeconds"))
        .ifPresent(errors::add);
    PodTemplateValidator.validateSelector(spec.getSelector(), SPEC.child("selector"), errors)
        .ifPresent(
            selector ->
                errors.addAll(
                    PodTemplateValidator.validateTemplate(
                        spec.getTemplate(), selector, SPEC.child("template"))));
    return errors;
  }
}
