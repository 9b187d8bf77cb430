package io.canarymesh.bench;

import java.util.List;

/**
 * One write phase's outcome.
 *
 * @param operation what was written, e.g. {@code create}
 * @param attempted requests sent (fewer than planned when the phase hit its time limit)
 * @param succeeded requests the server acknowledged
 * @param errorSamples the first few errors, as the client reported them
 * @param writesPerSecond {@code succeeded / seconds}
 * @param latency per-request round trip, successful requests only
 */
record Throughput(
    String operation,
    int threads,
    long planned,
    long attempted,
    long succeeded,
    long errors,
    List<String> errorSamples,
    double seconds,
    double writesPerSecond,
    LatencySummary latency) {

  /**
   * For example {@code create: 4000 of 4000 from 4 threads in 5.21 s = 768 writes/s, 0 errors;
   * request latency p50 4.9 ms, p99 14.2 ms, max 31.0 ms}.
   */
  String text() {
    String line =
        "%s: %d of %d from %d threads in %.2f s = %.0f writes/s, %d errors; request latency %s"
            .formatted(
                operation,
                succeeded,
                planned,
                threads,
                seconds,
                writesPerSecond,
                errors,
                latency.text());
    return errorSamples.isEmpty() ? line : line + "; first error: " + errorSamples.getFirst();
  }
}
