package io.canarymesh.model.validation;

import static java.util.Objects.requireNonNull;

import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validates objects of the core and apps kinds as kube-apiserver does on create and update,
 * collecting every error with its field path in Kubernetes wording, for example {@code
 * spec.template.spec.containers[0].image: Required value}. An empty list means valid.
 *
 * <p>Expects objects that went through {@code Defaults.apply}: like Kubernetes, it reports an unset
 * defaulted field (say {@code restartPolicy}) as {@code Required value}. Kinds without rules of
 * their own (Endpoints, Event, the Istio kinds) get their metadata checked only.
 */
public final class KubernetesValidator {
  private KubernetesValidator() {}

  /** Every error of {@code object} as a new object. */
  public static List<FieldError> validate(HasMetadata object) {
    requireNonNull(object, "object");
    List<FieldError> errors =
        new ArrayList<>(
            ObjectMetaValidator.validate(meta(object), namespaced(object), nameRule(object)));
    errors.addAll(validateSpec(object));
    return errors;
  }

  /**
   * Every error of replacing {@code old} with {@code updated}: the errors of {@code updated}'s
   * spec, its metadata changes, and changes to immutable fields — a Deployment's or ReplicaSet's
   * {@code spec.selector} ({@code field is immutable}), a Service's allocated cluster IP ({@code
   * may not change once set}; the API server carries an unset one over from {@code old}).
   */
  public static List<FieldError> validateUpdate(HasMetadata old, HasMetadata updated) {
    requireNonNull(old, "old");
    requireNonNull(updated, "updated");
    if (old.getClass() != updated.getClass()) {
      throw new IllegalArgumentException(
          "cannot update a " + old.getKind() + " into a " + updated.getKind());
    }
    List<FieldError> errors =
        new ArrayList<>(ObjectMetaValidator.validateUpdate(meta(old), meta(updated)));
    errors.addAll(validateSpec(updated));
    errors.addAll(immutableSpecFields(old, updated));
    return errors;
  }

  private static List<FieldError> validateSpec(HasMetadata object) {
    return switch (object) {
      case Deployment deployment -> DeploymentValidator.validateSpec(deployment);
      case ReplicaSet replicaSet -> ReplicaSetValidator.validateSpec(replicaSet);
      case Pod pod ->
          pod.getSpec() == null
              ? List.of(FieldError.required(FieldPath.of("spec", "containers"), ""))
              : PodSpecValidator.validate(pod.getSpec(), FieldPath.of("spec"));
      case Service service -> ServiceValidator.validateSpec(service);
      case ConfigMap configMap -> ConfigDataValidator.validateConfigMap(configMap);
      case Secret secret -> ConfigDataValidator.validateSecret(secret);
      default -> List.of();
    };
  }

  private static List<FieldError> immutableSpecFields(HasMetadata old, HasMetadata updated) {
    List<FieldError> errors = new ArrayList<>();
    FieldPath selectorPath = FieldPath.of("spec", "selector");
    if (old instanceof Deployment before && updated instanceof Deployment after) {
      immutableSelector(
          before.getSpec() == null ? null : before.getSpec().getSelector(),
          after.getSpec() == null ? null : after.getSpec().getSelector(),
          selectorPath,
          errors);
    } else if (old instanceof ReplicaSet before && updated instanceof ReplicaSet after) {
      immutableSelector(
          before.getSpec() == null ? null : before.getSpec().getSelector(),
          after.getSpec() == null ? null : after.getSpec().getSelector(),
          selectorPath,
          errors);
    } else if (old instanceof Service before && updated instanceof Service after) {
      errors.addAll(ServiceValidator.validateUpdate(before, after));
    }
    return errors;
  }

  // Compared by meaning, so {app: x} written twice in a different order is the same selector.
  private static void immutableSelector(
      io.fabric8.kubernetes.api.model.LabelSelector before,
      io.fabric8.kubernetes.api.model.LabelSelector after,
      FieldPath path,
      List<FieldError> errors) {
    if (Objects.equals(normalized(before), normalized(after))) {
      return;
    }
    Object shown = after == null ? "null" : GoSyntax.labelSelector(after);
    errors.add(
        FieldError.invalid(path, new GoSyntax.GoValue(shown.toString()), "field is immutable"));
  }

  private static Object normalized(io.fabric8.kubernetes.api.model.LabelSelector selector) {
    if (selector == null) {
      return null;
    }
    return List.of(
        selector.getMatchLabels() == null ? java.util.Map.of() : selector.getMatchLabels(),
        Checks.orEmpty(selector.getMatchExpressions()));
  }

  private static ObjectMeta meta(HasMetadata object) {
    return object.getMetadata() == null ? new ObjectMeta() : object.getMetadata();
  }

  private static boolean namespaced(HasMetadata object) {
    return KindRegistry.standard().byType(object.getClass()).map(Kind::namespaced).orElse(true);
  }

  /** Services take DNS-1035 labels and Namespaces DNS-1123 labels; the rest subdomains. */
  static NameRule nameRule(HasMetadata object) {
    return switch (object) {
      case Service service -> NameRule.DNS1035_LABEL;
      case Namespace namespace -> NameRule.DNS1123_LABEL;
      default -> NameRule.DNS1123_SUBDOMAIN;
    };
  }
}
