package io.canarymesh.mesh.compiler;

import io.canarymesh.model.validation.istio.IstioDuration;
import java.time.Duration;
import java.util.Optional;

/**
 * Duration fields of Istio resources ({@code 10s}, {@code 1.5s}, {@code 1h}), parsed with the
 * model's {@link IstioDuration}. Resources were validated first, so a value that does not parse
 * only comes from a field validation does not cover; it counts as absent.
 */
final class IstioDurations {
  private IstioDurations() {}

  static Optional<Duration> parse(String text) {
    return text == null || text.isEmpty() ? Optional.empty() : IstioDuration.tryParse(text);
  }

  static Duration parseOr(String text, Duration fallback) {
    return parse(text).orElse(fallback);
  }
}
