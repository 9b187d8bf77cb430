package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Timestamps as ages ({@code translateTimestampSince}): {@code <unknown>} when there is none. */
final class Age {
  static final String UNKNOWN = "<unknown>";

  private Age() {}

  /** The AGE cell: time since {@code metadata.creationTimestamp}. */
  static String of(JsonNode object, Instant now) {
    return since(Fields.instant(object, "metadata", "creationTimestamp"), now);
  }

  static String since(Optional<Instant> timestamp, Instant now) {
    return timestamp.map(t -> since(t, now)).orElse(UNKNOWN);
  }

  static String since(Instant timestamp, Instant now) {
    return HumanDuration.format(Duration.between(timestamp, now));
  }
}
