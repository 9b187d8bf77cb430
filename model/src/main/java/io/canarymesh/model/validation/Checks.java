package io.canarymesh.model.validation;

import java.util.List;
import java.util.Optional;

/** The recurring one-field rules of Kubernetes validation, with its wording. */
final class Checks {
  static final String NON_NEGATIVE = "must be greater than or equal to 0";

  private Checks() {}

  /** {@code spec.replicas: Invalid value: -1: must be greater than or equal to 0}. */
  static Optional<FieldError> nonNegative(Number value, FieldPath path) {
    if (value == null || value.longValue() >= 0) {
      return Optional.empty();
    }
    return Optional.of(FieldError.invalid(path, value, NON_NEGATIVE));
  }

  /**
   * An enumerated value that defaulting always fills in: empty is {@code Required value}, anything
   * else outside {@code supported} is {@code Unsupported value}.
   */
  static Optional<FieldError> oneOf(String value, FieldPath path, List<String> supported) {
    if (value == null || value.isEmpty()) {
      return Optional.of(FieldError.required(path, ""));
    }
    return optionalOneOf(value, path, supported);
  }

  /** Like {@link #oneOf} but an unset value is fine. */
  static Optional<FieldError> optionalOneOf(String value, FieldPath path, List<String> supported) {
    if (value == null || value.isEmpty() || supported.contains(value)) {
      return Optional.empty();
    }
    return Optional.of(FieldError.notSupported(path, value, supported));
  }

  static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
