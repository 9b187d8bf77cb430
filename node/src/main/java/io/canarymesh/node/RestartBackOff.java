package io.canarymesh.node;

import java.time.Duration;

/**
 * The kubelet's container restart back-off: the first restart is immediate, each next one waits
 * twice as long as the one before, from {@code initial} up to {@code max}; a container that ran for
 * {@code resetAfter} starts over. With Kubernetes' values (10 s, 5 min, 10 min): restarts wait 0,
 * 10 s, 20 s, 40 s, 80 s, 160 s, 300 s, 300 s, ...
 */
public record RestartBackOff(Duration initial, Duration max, Duration resetAfter) {

  public static RestartBackOff kubernetes() {
    return new RestartBackOff(
        Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10));
  }

  /**
   * The wait before the next start.
   *
   * @param backOffs how many restarts since the last reset already waited (or were immediate)
   * @param lastRun how long the container ran before it stopped
   */
  Duration delay(int backOffs, Duration lastRun) {
    if (backOffs == 0 || lastRun.compareTo(resetAfter) >= 0) {
      return Duration.ZERO;
    }
    Duration delay = initial;
    for (int i = 1; i < backOffs && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /** The back-off count after a run of {@code lastRun}: reset after a long run. */
  int next(int backOffs, Duration lastRun) {
    return lastRun.compareTo(resetAfter) >= 0 ? 1 : backOffs + 1;
  }
}
