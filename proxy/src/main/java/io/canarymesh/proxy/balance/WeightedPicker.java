package io.canarymesh.proxy.balance;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Splits a route's requests among weighted destinations exactly, not randomly.
 *
 * <p>The order is nginx's smooth weighted round robin, computed once into a cyclic schedule of
 * {@code sum(weights) / gcd(weights)} slots; each {@link #pick()} takes the next slot through one
 * atomic cursor. Any window of one cycle therefore holds exactly {@code weight / gcd} picks of each
 * destination, however many threads pick concurrently (every cursor value is handed out once).
 *
 * <p>Worked example, weights 70/30 (reduced to 7/3, cycle length 10): the schedule is {@code 0 1 0
 * 0 0 1 0 0 1 0}; read cyclically, destination 0 never runs more than 3 times in a row and
 * destination 1 never twice; any 100 consecutive picks hold exactly 70 zeros and 30 ones.
 *
 * <p>As in Istio, a single destination receives everything whatever its weight; with two or more
 * destinations, weight 0 receives nothing and all-zero weights mean "no destination" ({@code -1}).
 */
public final class WeightedPicker {
  /** Longest schedule we precompute (4 MiB of ints); real routes have cycles of at most ~100. */
  static final int MAX_CYCLE = 1 << 20;

  private static final int[] NO_DESTINATION = {-1};

  private final int[] schedule;
  private final AtomicLong cursor = new AtomicLong();

  private WeightedPicker(int[] schedule) {
    this.schedule = schedule;
  }

  /**
   * A picker over {@code weights}, one per destination in route order.
   *
   * @throws IllegalArgumentException if a weight is negative, there is no destination, or the
   *     reduced cycle {@code sum / gcd} is longer than {@value #MAX_CYCLE}
   */
  public static WeightedPicker of(int... weights) {
    int[] copy = Weights.checkedCopy(weights);
    if (copy.length == 1) {
      return new WeightedPicker(new int[] {0});
    }
    long sum = Weights.sum(copy);
    if (sum == 0) {
      return new WeightedPicker(NO_DESTINATION);
    }
    return new WeightedPicker(smoothSchedule(reduce(copy, sum)));
  }

  /** The index of the next destination, or {@code -1} when every weight is zero. */
  public int pick() {
    return schedule[(int) Long.remainderUnsigned(cursor.getAndIncrement(), schedule.length)];
  }

  /** Length of one full cycle: after this many picks every destination had its exact share. */
  public int cycleLength() {
    return schedule.length;
  }

  /** Divides the weights by their gcd: 70/30 becomes 7/3, so the cycle is 10 long, not 100. */
  private static int[] reduce(int[] weights, long sum) {
    int gcd = 0;
    for (int weight : weights) {
      gcd = gcd(gcd, weight);
    }
    if (sum / gcd > MAX_CYCLE) {
      throw new IllegalArgumentException(
          "weights: Invalid value: cycle of "
              + sum / gcd
              + " picks: must be at most "
              + MAX_CYCLE
              + " (sum of weights divided by their gcd)");
    }
    int[] reduced = new int[weights.length];
    for (int i = 0; i < weights.length; i++) {
      reduced[i] = weights[i] / gcd;
    }
    return reduced;
  }

  /**
   * nginx's smooth weighted round robin, run for one cycle: every step each destination's "current"
   * grows by its weight, the largest current wins (lowest index on ties) and gives back the total.
   * After a full cycle every current is back to zero, so the sequence repeats exactly.
   */
  static int[] smoothSchedule(int[] weights) {
    int total = (int) Weights.sum(weights);
    long[] current = new long[weights.length];
    int[] schedule = new int[total];
    for (int step = 0; step < total; step++) {
      int best = 0;
      for (int i = 0; i < weights.length; i++) {
        current[i] += weights[i];
        if (current[i] > current[best]) {
          best = i;
        }
      }
      current[best] -= total;
      schedule[step] = best;
    }
    return schedule;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int r = a % b;
      a = b;
      b = r;
    }
    return a;
  }
}
