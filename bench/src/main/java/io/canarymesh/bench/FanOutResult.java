package io.canarymesh.bench;

import java.util.List;

/**
 * The watch fan-out's outcome.
 *
 * @param watchersLive watches that delivered the warm-up event before the timed updates began
 * @param watchesClosed watches that fabric8 reported closed for good during the run
 * @param writerErrors updates the server did not acknowledge
 * @param achievedRatePerSecond acknowledged updates per second of writing (the target is a cap)
 * @param writerLatency the writer's update round trips
 * @param deliveries per-watcher counts and delivery latency
 */
record FanOutResult(
    int watchers,
    int watchersLive,
    long watchesClosed,
    int plannedUpdates,
    long writerErrors,
    List<String> errorSamples,
    int targetRatePerSecond,
    double achievedRatePerSecond,
    LatencySummary writerLatency,
    DeliveryLog.Deliveries deliveries) {

  /**
   * For example {@code watch fan-out 500@100: 100 watchers x 500 updates (paced at 100/s, achieved
   * 99.9/s, 0 errors): 50000 of 50000 events delivered, every watcher got every event; delivery
   * latency p50 …}.
   */
  String text() {
    var d = deliveries;
    String verdict =
        d.everyWatcherGotEveryEvent()
            ? "every watcher got every event"
            : "%d watchers got every event, %d missing, %d duplicates, %d unexpected"
                .formatted(d.watchersWithEveryEvent(), d.missing(), d.duplicates(), d.unexpected());
    String line =
        ("watch fan-out %d@%d: %d watchers x %d updates (paced at %d/s, achieved %.1f/s, %d"
                + " errors): %d of %d events delivered, %s; delivery latency %s (%d arrived before"
                + " the writer's response, counted as 0 ms); last delivery %.0f ms after the last"
                + " write; writer request latency %s")
            .formatted(
                plannedUpdates,
                targetRatePerSecond,
                watchers,
                d.updates(),
                targetRatePerSecond,
                achievedRatePerSecond,
                writerErrors,
                d.delivered(),
                d.expected(),
                verdict,
                d.latency().text(),
                d.early(),
                d.drainMs(),
                writerLatency.text());
    if (watchersLive < watchers || watchesClosed > 0) {
      line += "; only %d watches live, %d closed".formatted(watchersLive, watchesClosed);
    }
    return errorSamples.isEmpty() ? line : line + "; first error: " + errorSamples.getFirst();
  }
}
