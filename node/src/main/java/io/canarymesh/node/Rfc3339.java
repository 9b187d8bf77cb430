package io.canarymesh.node;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times as Kubernetes writes them: RFC 3339, UTC, to the second. */
final class Rfc3339 {
  private Rfc3339() {}

  static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
