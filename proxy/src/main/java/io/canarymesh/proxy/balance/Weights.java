package io.canarymesh.proxy.balance;

import static java.util.Objects.requireNonNull;

/** Checks on relative weight vectors shared by the weighted pickers. */
final class Weights {
  private Weights() {}

  /** A defensive copy of {@code weights}, rejecting negative weights and empty vectors. */
  static int[] checkedCopy(int[] weights) {
    requireNonNull(weights, "weights");
    if (weights.length == 0) {
      throw new IllegalArgumentException("weights: must name at least one destination");
    }
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] < 0) {
        throw new IllegalArgumentException(
            "weights[" + i + "]: Invalid value: " + weights[i] + ": must be non-negative");
      }
    }
    return weights.clone();
  }

  /** The sum of the weights, as a long so that large weights cannot overflow. */
  static long sum(int[] weights) {
    long sum = 0;
    for (int weight : weights) {
      sum += weight;
    }
    return sum;
  }
}
