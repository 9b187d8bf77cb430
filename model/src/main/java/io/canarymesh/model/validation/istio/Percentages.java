package io.canarymesh.model.validation.istio;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import java.util.List;

/** Integer and fractional percentages, as Istio validates them. */
final class Percentages {
  private Percentages() {}

  /** An integer percentage 0..100 ({@code maxEjectionPercent}, the deprecated {@code percent}). */
  static void checkPercent(Integer value, FieldPath path, List<FieldError> errors) {
    if (value != null && (value < 0 || value > 100)) {
      errors.add(
          FieldError.invalid(path, value, "percentage " + value + " is not in range 0..100"));
    }
  }

  /**
   * A fractional percentage ({@code fault.*.percentage}): 0, or 0.0001..100 — Envoy cannot express
   * a smaller non-zero fraction.
   */
  static void checkPercentage(Percent percentage, FieldPath path, List<FieldError> errors) {
    if (percentage == null || percentage.getValue() == null) {
      return;
    }
    double value = percentage.getValue();
    if (value < 0.0 || value > 100.0 || (value > 0.0 && value < 0.0001)) {
      errors.add(
          FieldError.invalid(
              path.child("value"),
              value,
              "percentage " + format(value) + " is neither 0.0, nor in range [0.0001, 100.0]"));
    }
  }

  /** Go's {@code %v} of a float: {@code 150}, {@code 0.5}. */
  static String format(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value)
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
