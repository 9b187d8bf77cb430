package io.canarymesh.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StickyWeightedPickerTest {
  private static final int KEYS = 100_000;

  static Stream<Arguments> canaryRollouts() {
    return Stream.of(
        Arguments.of(
            "two versions",
            new int[][] {{100, 0}, {90, 10}, {70, 30}, {50, 50}, {20, 80}, {1, 99}, {0, 100}}),
        Arguments.of(
            "relative weights with different sums",
            new int[][] {{9, 1}, {70, 30}, {1, 1}, {10, 90}, {0, 3}}),
        Arguments.of(
            "three versions, older ones keep their proportions",
            new int[][] {{50, 40, 10}, {40, 32, 28}, {25, 20, 55}, {5, 4, 91}, {0, 0, 100}}));
  }

  /** For 100k random keys, every change of destination as the last weight grows is toward it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("canaryRollouts")
  void usersOnlyEverMoveToTheLastDestinationAsItsWeightGrows(String name, int[][] steps) {
    long[] keys = randomKeys();
    int[] current = picks(StickyWeightedPicker.of(steps[0]), keys);
    int last = steps[0].length - 1;

    for (int s = 1; s < steps.length; s++) {
      int[] next = picks(StickyWeightedPicker.of(steps[s]), keys);
      int moved = 0;
      for (int k = 0; k < keys.length; k++) {
        if (next[k] != current[k]) {
          assertThat(next[k])
              .as("key %d at step %d moved from %d", k, s, current[k])
              .isEqualTo(last);
          moved++;
        }
      }
      assertThat(moved).as("step %d moves somebody", s).isPositive();
      current = next;
    }
    assertThat(current).containsOnly(last);
  }

  @ParameterizedTest
  @MethodSource("shares")
  void eachDestinationGetsItsShareOfUsers(int[] weights, double[] shares) {
    int[] counts = new int[weights.length];
    for (int pick : picks(StickyWeightedPicker.of(weights), randomKeys())) {
      counts[pick]++;
    }

    for (int i = 0; i < weights.length; i++) {
      assertThat((double) counts[i] / KEYS)
          .as("destination %d", i)
          .isBetween(shares[i] - 0.01, shares[i] + 0.01);
    }
  }

  static Stream<Arguments> shares() {
    return Stream.of(
        Arguments.of(new int[] {70, 30}, new double[] {0.7, 0.3}),
        Arguments.of(new int[] {1, 1, 2}, new double[] {0.25, 0.25, 0.5}),
        Arguments.of(new int[] {0, 60, 0, 40}, new double[] {0, 0.6, 0, 0.4}));
  }

  @Test
  void theSameKeyAlwaysGetsTheSameDestination() {
    StickyWeightedPicker picker = StickyWeightedPicker.of(50, 50);
    int first = picker.pick("user-42");

    for (int i = 0; i < 100; i++) {
      assertThat(picker.pick(new StringBuilder("user-").append(42))).isEqualTo(first);
    }
  }

  @Test
  void aSingleDestinationTakesEveryoneWhateverItsWeight() {
    assertThat(StickyWeightedPicker.of(0).pick(123L)).isZero();
    assertThat(StickyWeightedPicker.of(7).pick("anyone")).isZero();
  }

  @Test
  void allZeroWeightsMeanNoDestination() {
    assertThat(StickyWeightedPicker.of(0, 0).pick(123L)).isEqualTo(-1);
    assertThat(StickyWeightedPicker.of(0, 0, 0).pick("anyone")).isEqualTo(-1);
  }

  @Test
  void rejectsNegativeWeights() {
    assertThatThrownBy(() -> StickyWeightedPicker.of(-1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weights[0]: Invalid value: -1: must be non-negative");
  }

  @Test
  void keyHashIsStableAcrossCharSequencesAndSpreadsNeighbours() {
    assertThat(KeyHash.hash64("user-1")).isEqualTo(KeyHash.hash64(new StringBuilder("user-1")));
    assertThat(KeyHash.hash64("user-1")).isNotEqualTo(KeyHash.hash64("user-2"));
    // neighbouring keys differ in about half of their 64 bits, not just the low ones
    int differing = Long.bitCount(KeyHash.hash64("user-1") ^ KeyHash.hash64("user-2"));
    assertThat(differing).isBetween(16, 48);
    // characters above 0xff count in full: these differ only in their high byte
    assertThat(KeyHash.hash64("\u0141")).isNotEqualTo(KeyHash.hash64("\u0241"));
  }

  private static long[] randomKeys() {
    SplittableRandom random = new SplittableRandom(4L);
    long[] keys = new long[KEYS];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = KeyHash.hash64("user-" + random.nextLong());
    }
    return keys;
  }

  private static int[] picks(StickyWeightedPicker picker, long[] keys) {
    int[] picks = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      picks[i] = picker.pick(keys[i]);
    }
    return picks;
  }
}
