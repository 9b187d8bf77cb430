package io.canarymesh.controllers.deployment;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Kubernetes' {@code metav1.Time} on the wire: RFC 3339 in UTC, whole seconds. */
final class Rfc3339 {
  private Rfc3339() {}

  /** {@code 2024-05-01T10:00:00Z}; sub-second precision is dropped as metav1.Time drops it. */
  static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** An absent or unparsable time is the zero time, as Go's zero {@code metav1.Time}. */
  static Instant parseOrEpoch(String text) {
    if (text == null || text.isEmpty()) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  static boolean isZero(String text) {
    return parseOrEpoch(text).equals(Instant.EPOCH);
  }
}
