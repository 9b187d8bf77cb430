package io.canarymesh.proxy.balance;

/**
 * Weighted choice that keeps each user on one destination and only ever moves users forward, to the
 * LAST destination (list the canary last), as its weight grows: 90/10 → 70/30 → 0/100.
 *
 * <p>Ordering rule. Destinations are tried from last to first. Destination {@code i} takes the user
 * when the user's point for level {@code i} — a value in [0, 1) derived from the key's hash and
 * {@code i} — falls in the bucket [0, w_i / (w_0 + … + w_i)); otherwise the next lower destination
 * is tried, and destination 0 takes whoever is left. Each destination still receives w_i / sum of
 * the users, and:
 *
 * <ul>
 *   <li>with two destinations this is exactly "one point, cumulative buckets, canary's bucket
 *       first": the point moves to the canary when its bucket widens past it, and never back;
 *   <li>with more, growing the last weight while the older destinations keep their proportions (v1
 *       50, v2 40, v3 10 → v1 25, v2 20, v3 55) widens only the last bucket; the older
 *       destinations' buckets are unchanged, so users move only to the last destination. A single
 *       point over cumulative buckets could not promise that: shrinking v1 and v2 together would
 *       slide v2's bucket down over former v1 users.
 * </ul>
 *
 * <p>As in {@link WeightedPicker}, a single destination takes everything, weight 0 takes nothing
 * and all-zero weights give {@code -1}.
 */
public final class StickyWeightedPicker {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final int[] weights;
  private final long[] prefixSums;

  private StickyWeightedPicker(int[] weights) {
    this.weights = weights;
    this.prefixSums = new long[weights.length];
    long sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      prefixSums[i] = sum;
    }
  }

  /**
   * A picker over {@code weights}, one per destination, canary last.
   *
   * @throws IllegalArgumentException if a weight is negative or there is no destination
   */
  public static StickyWeightedPicker of(int... weights) {
    return new StickyWeightedPicker(Weights.checkedCopy(weights));
  }

  /** The destination for the user whose key hashed to {@code keyHash} (see {@link KeyHash}). */
  public int pick(long keyHash) {
    if (weights.length == 1) {
      return 0;
    }
    for (int i = weights.length - 1; i >= 0; i--) {
      if (weights[i] != 0 && pointIn(levelPoint(keyHash, i), prefixSums[i]) < weights[i]) {
        return i;
      }
    }
    return -1;
  }

  /** Convenience for {@code pick(KeyHash.hash64(key))}. */
  public int pick(CharSequence key) {
    return pick(KeyHash.hash64(key));
  }

  /** An independent uniform 64-bit value per level, so levels do not correlate. */
  private static long levelPoint(long keyHash, int level) {
    return KeyHash.mix(keyHash + (level + 1) * GOLDEN_GAMMA);
  }

  /** Maps a uniform 64-bit value to [0, range): the point (value / 2^64) scaled by range. */
  private static long pointIn(long uniform, long range) {
    return Math.unsignedMultiplyHigh(uniform, range);
  }
}
