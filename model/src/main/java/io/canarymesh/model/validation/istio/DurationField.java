package io.canarymesh.model.validation.istio;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A duration field as Istio's {@code ValidateDuration} checks it: it parses ({@link
 * IstioDuration}), is at least 1ms and is a whole number of milliseconds. Example: {@code 500us}
 * fails with {@code duration must be greater than 1ms}; {@code 1500us} with {@code only durations
 * to ms precision are supported}.
 */
final class DurationField {
  private static final Duration ONE_MILLI = Duration.ofMillis(1);

  private DurationField() {}

  /** Checks {@code value} when present; absent fields take their defaults. */
  static void check(String value, FieldPath path, List<FieldError> errors) {
    parse(value, path, errors).ifPresent(duration -> checkRange(duration, value, path, errors));
  }

  /** As {@link #check}, but {@code 0s} is allowed: it disables the timeout it sets. */
  static void checkZeroDisables(String value, FieldPath path, List<FieldError> errors) {
    parse(value, path, errors)
        .filter(duration -> !duration.isZero())
        .ifPresent(duration -> checkRange(duration, value, path, errors));
  }

  /** The parsed value, or empty (with an error recorded when it did not parse). */
  static Optional<Duration> parse(String value, FieldPath path, List<FieldError> errors) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(IstioDuration.parse(value));
    } catch (IllegalArgumentException e) {
      errors.add(FieldError.invalid(path, value, e.getMessage()));
      return Optional.empty();
    }
  }

  private static void checkRange(
      Duration duration, String value, FieldPath path, List<FieldError> errors) {
    if (duration.compareTo(ONE_MILLI) < 0) {
      errors.add(FieldError.invalid(path, value, "duration must be greater than 1ms"));
    } else if (duration.toNanosPart() % 1_000_000 != 0) {
      errors.add(FieldError.invalid(path, value, "only durations to ms precision are supported"));
    }
  }
}
