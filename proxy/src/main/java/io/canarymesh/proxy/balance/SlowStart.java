package io.canarymesh.proxy.balance;

import io.canarymesh.mesh.model.LbPolicy;

/**
 * Envoy's slow-start weight factor: an endpoint that joined {@code age} ago, within the window, is
 * weighted {@code max(minimumPercent / 100, timeFactor^(1 / aggression))} of its full weight, where
 * {@code timeFactor = max(age, 1 s) / window}. Worked example, window 60 s, minimumPercent 10: at 3
 * s the factor is 0.1 (the floor; 3/60 = 0.05 is below it); at 30 s it is 0.5 with aggression 1,
 * 0.71 with aggression 2 (√0.5); from 60 s it is 1.
 */
public final class SlowStart {
  private static final long ONE_SECOND_NANOS = 1_000_000_000L;

  private SlowStart() {}

  /** The weight factor in (0, 1] for an endpoint {@code ageNanos} old under {@code warmup}. */
  public static double factor(long ageNanos, LbPolicy.Warmup warmup) {
    long window = warmup.duration().toNanos();
    if (ageNanos >= window) {
      return 1.0;
    }
    double timeFactor = Math.max(ageNanos, ONE_SECOND_NANOS) / (double) window;
    double shaped =
        warmup.aggression() == 1.0 ? timeFactor : Math.pow(timeFactor, 1.0 / warmup.aggression());
    return Math.min(1.0, Math.max(warmup.minimumPercent() / 100.0, shaped));
  }
}
