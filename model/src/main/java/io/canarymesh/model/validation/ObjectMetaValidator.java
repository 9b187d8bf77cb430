package io.canarymesh.model.validation;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Validates {@code metadata} of any kind, Kubernetes or Istio, as apimachinery's {@code
 * ValidateObjectMeta} does: name (or generateName) present and well-formed, namespace well-formed
 * where the kind is namespaced and absent where it is not, labels, annotation keys and their total
 * size, owner references.
 */
public final class ObjectMetaValidator {
  /** kube-apiserver's limit on the summed size of annotation keys and values: 256 KiB. */
  public static final int TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

  private static final FieldPath METADATA = FieldPath.of("metadata");

  private ObjectMetaValidator() {}

  /**
   * Every error in {@code meta} of a new object. The namespace is checked only when set: the API
   * server fills it in from the URL first. For a cluster-scoped kind a namespace is forbidden (the
   * API server should clear it before validating, as kube-apiserver does).
   */
  public static List<FieldError> validate(ObjectMeta meta, boolean namespaced, NameRule rule) {
    requireNonNull(meta, "meta");
    requireNonNull(rule, "rule");
    List<FieldError> errors = new ArrayList<>(validateName(meta, rule));
    errors.addAll(validateNamespace(meta.getNamespace(), namespaced));
    Checks.nonNegative(meta.getGeneration(), METADATA.child("generation")).ifPresent(errors::add);
    errors.addAll(Names.validateLabels(meta.getLabels(), METADATA.child("labels")));
    errors.addAll(validateAnnotations(meta.getAnnotations(), METADATA.child("annotations")));
    errors.addAll(validateOwnerReferences(meta.getOwnerReferences()));
    return errors;
  }

  /**
   * The errors of changing {@code old} into {@code updated}: name and namespace may not change, nor
   * may uid and creationTimestamp once set (an unset one is carried over by the API server). The
   * labels and annotations of {@code updated} are checked too.
   */
  public static List<FieldError> validateUpdate(ObjectMeta old, ObjectMeta updated) {
    requireNonNull(old, "old");
    requireNonNull(updated, "updated");
    List<FieldError> errors = new ArrayList<>();
    immutable(old.getName(), updated.getName(), METADATA.child("name"), errors);
    immutable(old.getNamespace(), updated.getNamespace(), METADATA.child("namespace"), errors);
    if (!Checks.isEmpty(updated.getUid())) {
      immutable(old.getUid(), updated.getUid(), METADATA.child("uid"), errors);
    }
    if (!Checks.isEmpty(updated.getCreationTimestamp())) {
      immutable(
          old.getCreationTimestamp(),
          updated.getCreationTimestamp(),
          METADATA.child("creationTimestamp"),
          errors);
    }
    Checks.nonNegative(updated.getGeneration(), METADATA.child("generation"))
        .ifPresent(errors::add);
    errors.addAll(Names.validateLabels(updated.getLabels(), METADATA.child("labels")));
    errors.addAll(validateAnnotations(updated.getAnnotations(), METADATA.child("annotations")));
    errors.addAll(validateOwnerReferences(updated.getOwnerReferences()));
    return errors;
  }

  /** {@code metadata.name: Invalid value: "b": field is immutable}. */
  static void immutable(Object old, Object updated, FieldPath path, List<FieldError> errors) {
    if (!Objects.equals(emptyToNull(old), emptyToNull(updated))) {
      errors.add(FieldError.invalid(path, updated == null ? "" : updated, "field is immutable"));
    }
  }

  private static Object emptyToNull(Object value) {
    return "".equals(value) ? null : value;
  }

  private static List<FieldError> validateName(ObjectMeta meta, NameRule rule) {
    List<FieldError> errors = new ArrayList<>();
    String generateName = meta.getGenerateName();
    if (!Checks.isEmpty(generateName)) {
      for (String problem : rule.checkPrefix(generateName)) {
        errors.add(FieldError.invalid(METADATA.child("generateName"), generateName, problem));
      }
    }
    String name = meta.getName();
    if (Checks.isEmpty(name)) {
      errors.add(FieldError.required(METADATA.child("name"), "name or generateName is required"));
    } else {
      for (String problem : rule.check(name)) {
        errors.add(FieldError.invalid(METADATA.child("name"), name, problem));
      }
    }
    return errors;
  }

  private static List<FieldError> validateNamespace(String namespace, boolean namespaced) {
    List<FieldError> errors = new ArrayList<>();
    if (Checks.isEmpty(namespace)) {
      return errors;
    }
    FieldPath path = METADATA.child("namespace");
    if (!namespaced) {
      errors.add(FieldError.forbidden(path, "not allowed on this type"));
      return errors;
    }
    for (String problem : Names.checkDns1123Label(namespace)) {
      errors.add(FieldError.invalid(path, namespace, problem));
    }
    return errors;
  }

  /** Annotation keys are qualified names in any case; keys and values total at most 256 KiB. */
  static List<FieldError> validateAnnotations(Map<String, String> annotations, FieldPath path) {
    List<FieldError> errors = new ArrayList<>();
    if (annotations == null) {
      return errors;
    }
    long totalBytes = 0;
    for (Map.Entry<String, String> entry : annotations.entrySet()) {
      String key = entry.getKey();
      for (String problem : Names.checkQualifiedName(key.toLowerCase(Locale.ROOT))) {
        errors.add(FieldError.invalid(path, key, problem));
      }
      totalBytes += utf8Length(key) + utf8Length(entry.getValue());
    }
    if (totalBytes > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
      errors.add(
          new FieldError(
              FieldError.Type.TOO_LONG,
              path,
              null,
              "must have at most " + TOTAL_ANNOTATION_SIZE_LIMIT_BYTES + " bytes"));
    }
    return errors;
  }

  // Kubernetes reports these at metadata.ownerReferences without an index.
  private static List<FieldError> validateOwnerReferences(List<OwnerReference> references) {
    List<FieldError> errors = new ArrayList<>();
    FieldPath path = METADATA.child("ownerReferences");
    String firstController = null;
    for (OwnerReference reference : Checks.orEmpty(references)) {
      String apiVersion = nullToEmpty(reference.getApiVersion());
      String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
      if (version.isEmpty()) {
        errors.add(
            FieldError.invalid(path.child("apiVersion"), apiVersion, "version must not be empty"));
      }
      requireText(reference.getKind(), path.child("kind"), "kind must not be empty", errors);
      requireText(reference.getName(), path.child("name"), "name must not be empty", errors);
      requireText(reference.getUid(), path.child("uid"), "uid must not be empty", errors);
      if (Boolean.TRUE.equals(reference.getController())) {
        String controller = reference.getKind() + "/" + reference.getName();
        if (firstController == null) {
          firstController = controller;
        } else {
          errors.add(
              FieldError.invalid(
                  path,
                  null,
                  "Only one reference can have Controller set to true. Found \"true\" in"
                      + " references for "
                      + firstController
                      + " and "
                      + controller));
        }
      }
    }
    return errors;
  }

  private static void requireText(
      String value, FieldPath path, String detail, List<FieldError> errors) {
    if (Checks.isEmpty(value)) {
      errors.add(FieldError.invalid(path, "", detail));
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  private static long utf8Length(String text) {
    return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
  }
}
