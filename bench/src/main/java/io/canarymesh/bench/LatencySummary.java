package io.canarymesh.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram, in milliseconds.
 *
 * @param count how many values were recorded
 */
record LatencySummary(long count, double p50Ms, double p99Ms, double maxMs) {

  /** Two significant digits are plenty for milliseconds on a shared machine. */
  static Histogram newMicrosHistogram() {
    return new Histogram(2);
  }

  /** Summarises a histogram whose values are microseconds. */
  static LatencySummary ofMicros(Histogram micros) {
    return new LatencySummary(
        micros.getTotalCount(),
        millis(micros.getValueAtPercentile(50)),
        millis(micros.getValueAtPercentile(99)),
        millis(micros.getMaxValue()));
  }

  /** For example {@code p50 2.1 ms, p99 9.8 ms, max 15.3 ms}. */
  String text() {
    return "p50 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(p50Ms, p99Ms, maxMs);
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }
}
