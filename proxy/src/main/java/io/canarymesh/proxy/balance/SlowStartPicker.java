package io.canarymesh.proxy.balance;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.Endpoint;
import io.canarymesh.mesh.model.LbPolicy;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * ROUND_ROBIN or LEAST_REQUEST with Envoy's slow start: while an endpoint that recently joined is
 * inside its warmup window, every endpoint is weighted by its {@link SlowStart#factor} (1 for old
 * ones) and picks follow those weights; once the last window closed, picks go to the plain picker
 * (one clock read per pick, no other cost).
 *
 * <p>The weighted pick is smooth and lock-free: pick {@code n} takes the point {@code frac(n × φ)}
 * (the golden-ratio sequence, which spreads consecutive points evenly over [0, 1)) and chooses the
 * endpoint whose slice of the weight total holds it, so any run of picks matches the weights
 * closely — not by chance, as a random draw would. Weights are recomputed each pick from the clock,
 * so shares ramp up continuously. For LEAST_REQUEST each weight is divided by the endpoint's
 * requests in flight plus one, as Envoy's least-request balancer does with unequal weights (active
 * request bias 1).
 */
public final class SlowStartPicker extends EndpointSnapshot {
  /** 2^64 / φ: adding it each pick walks the golden-ratio sequence in 64-bit fixed point. */
  private static final long GOLDEN_STEP = 0x9E3779B97F4A7C15L;

  private final EndpointPicker steady;
  private final long[] joinedNanos;
  private final LbPolicy.Warmup warmup;
  private final AtomicIntegerArray inFlight;
  private final LongSupplier nanoTime;
  private final long warmUntilNanos;
  private final AtomicLong cursor = new AtomicLong();

  /**
   * @param steady the picker once nothing warms (round robin or least request over the same
   *     endpoints)
   * @param joinedNanos when each endpoint joined, on {@code nanoTime}'s scale; {@link
   *     Long#MIN_VALUE} for one that is not warming
   * @param inFlight requests in flight per endpoint for LEAST_REQUEST; null for ROUND_ROBIN
   */
  public SlowStartPicker(
      Endpoint[] endpoints,
      EndpointPicker steady,
      long[] joinedNanos,
      LbPolicy.Warmup warmup,
      AtomicIntegerArray inFlight,
      LongSupplier nanoTime) {
    super(endpoints);
    this.steady = requireNonNull(steady, "steady");
    this.joinedNanos = requireNonNull(joinedNanos, "joinedNanos").clone();
    this.warmup = requireNonNull(warmup, "warmup");
    this.inFlight = inFlight;
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    if (joinedNanos.length != endpoints.length) {
      throw new IllegalArgumentException(
          "joinedNanos: Invalid value: length "
              + joinedNanos.length
              + ": must equal the number of endpoints ("
              + endpoints.length
              + ")");
    }
    this.warmUntilNanos = warmUntil(this.joinedNanos, warmup.duration().toNanos());
  }

  /** Whether any endpoint joined recently enough to warm at all. */
  public static boolean anyWarming(long[] joinedNanos) {
    for (long joined : joinedNanos) {
      if (joined != Long.MIN_VALUE) {
        return true;
      }
    }
    return false;
  }

  private static long warmUntil(long[] joinedNanos, long window) {
    long until = Long.MIN_VALUE;
    for (long joined : joinedNanos) {
      if (joined != Long.MIN_VALUE && (until == Long.MIN_VALUE || joined + window - until > 0)) {
        until = joined + window;
      }
    }
    return until;
  }

  @Override
  public int pick() {
    long now = nanoTime.getAsLong();
    if (warmUntilNanos == Long.MIN_VALUE || now - warmUntilNanos >= 0) {
      return steady.pick();
    }
    int size = size();
    if (size <= 1) {
      return size - 1;
    }
    double total = 0;
    for (int i = 0; i < size; i++) {
      total += weight(i, now);
    }
    double point = (cursor.getAndAdd(GOLDEN_STEP) >>> 11) * 0x1.0p-53 * total;
    for (int i = 0; i < size; i++) {
      point -= weight(i, now);
      if (point < 0) {
        return i;
      }
    }
    return size - 1; // rounding, or a counter that moved between the two passes
  }

  /** Endpoint {@code i}'s weight now: its slow-start factor, over its load for LEAST_REQUEST. */
  double weight(int i, long now) {
    long joined = joinedNanos[i];
    double factor = joined == Long.MIN_VALUE ? 1.0 : SlowStart.factor(now - joined, warmup);
    return inFlight == null ? factor : factor / (inFlight.get(i) + 1);
  }
}
