package io.canarymesh.apiserver.table;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Durations the way kubectl shows ages: two or three significant figures, like apimachinery's
 * {@code duration.HumanDuration}. Worked examples: 45s → {@code 45s}, 192s → {@code 3m12s}, 15m →
 * {@code 15m}, 5h3m → {@code 5h3m}, 20h → {@code 20h}, 76h → {@code 3d4h}, 190d → {@code 190d},
 * 733d → {@code 2y3d}.
 */
public final class HumanDuration {
  private static final long HOURS_PER_YEAR = 24 * 365;

  private HumanDuration() {}

  /**
   * Formats {@code duration}. Up to one second in the past counts as now ({@code 0s}), to tolerate
   * clocks that disagree slightly; anything further in the future is {@code <invalid>}.
   */
  public static String format(Duration duration) {
    requireNonNull(duration, "duration");
    long seconds = truncatedSeconds(duration);
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 2 * 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return withRemainder(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 3 * 60) {
      return minutes + "m";
    }
    return formatHours(minutes / 60, minutes % 60);
  }

  private static String formatHours(long hours, long minutesOfHour) {
    if (hours < 8) {
      return withRemainder(hours, "h", minutesOfHour, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      return withRemainder(hours / 24, "d", hours % 24, "h");
    }
    if (hours < HOURS_PER_YEAR * 2) {
      return hours / 24 + "d";
    }
    if (hours < HOURS_PER_YEAR * 8) {
      return withRemainder(hours / HOURS_PER_YEAR, "y", (hours / 24) % 365, "d");
    }
    return hours / HOURS_PER_YEAR + "y";
  }

  /** {@code 3m} when the remainder is zero, else {@code 3m12s}. */
  private static String withRemainder(long major, String majorUnit, long minor, String minorUnit) {
    return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
  }

  /** Whole seconds rounded toward zero, as Go's {@code int(d.Seconds())}: -1.5s → -1. */
  private static long truncatedSeconds(Duration duration) {
    return duration.isNegative() ? -duration.negated().getSeconds() : duration.getSeconds();
  }
}
