package io.canarymesh.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WeightedPickerTest {

  static Stream<Arguments> exactSchedules() {
    return Stream.of(
        Arguments.of(new int[] {70, 30}, new int[] {0, 1, 0, 0, 0, 1, 0, 0, 1, 0}),
        Arguments.of(new int[] {7, 3}, new int[] {0, 1, 0, 0, 0, 1, 0, 0, 1, 0}),
        Arguments.of(new int[] {1, 1}, new int[] {0, 1}),
        Arguments.of(new int[] {50, 50}, new int[] {0, 1}),
        Arguments.of(new int[] {3, 2, 1}, new int[] {0, 1, 0, 2, 1, 0}),
        Arguments.of(new int[] {0, 100}, new int[] {1}),
        Arguments.of(new int[] {100, 0}, new int[] {0}),
        Arguments.of(new int[] {0, 2, 0, 1}, new int[] {1, 3, 1}),
        Arguments.of(new int[] {5}, new int[] {0}),
        Arguments.of(new int[] {0}, new int[] {0}),
        Arguments.of(new int[] {0, 0}, new int[] {-1}),
        Arguments.of(new int[] {0, 0, 0}, new int[] {-1}));
  }

  @ParameterizedTest
  @MethodSource("exactSchedules")
  void picksFollowTheExactScheduleCyclically(int[] weights, int[] schedule) {
    WeightedPicker picker = WeightedPicker.of(weights);

    assertThat(picker.cycleLength()).isEqualTo(schedule.length);
    for (int i = 0; i < schedule.length * 3; i++) {
      assertThat(picker.pick()).as("pick %d", i).isEqualTo(schedule[i % schedule.length]);
    }
  }

  @Test
  void anyHundredConsecutivePicksOfSeventyThirtyAreExactlySeventyAndThirty() {
    WeightedPicker picker = WeightedPicker.of(70, 30);
    int[] picks = new int[400];
    for (int i = 0; i < picks.length; i++) {
      picks[i] = picker.pick();
    }

    for (int start = 0; start + 100 <= picks.length; start++) {
      int zeros = 0;
      for (int i = start; i < start + 100; i++) {
        zeros += picks[i] == 0 ? 1 : 0;
      }
      assertThat(zeros).as("window starting at %d", start).isEqualTo(70);
    }
  }

  @Test
  void seventyThirtyNeverSendsMoreThanThreeInARowToTheHeavierOrTwoToTheLighter() {
    int[] schedule = schedule(WeightedPicker.of(70, 30));

    assertThat(longestCyclicRun(schedule, 0)).isEqualTo(3);
    assertThat(longestCyclicRun(schedule, 1)).isEqualTo(1);
  }

  /**
   * The smooth property for two destinations a ≥ b > 0: the lighter one never comes twice in a row
   * and the heavier one runs at most ceil(a / b) times, anywhere in the cycle.
   */
  @Test
  void twoDestinationsInterleaveSmoothly() {
    for (int a = 1; a <= 60; a++) {
      for (int b = 1; b <= a; b++) {
        int[] schedule = schedule(WeightedPicker.of(a, b));
        int ceil = (a + b - 1) / b;
        assertThat(longestCyclicRun(schedule, 1)).as("%d/%d lighter", a, b).isEqualTo(1);
        assertThat(longestCyclicRun(schedule, 0))
            .as("%d/%d heavier", a, b)
            .isLessThanOrEqualTo(ceil);
      }
    }
  }

  /**
   * Smoothness in general: after k picks of the cycle, destination i has had within n - 1 picks of
   * its ideal share k·w_i/W (for two destinations, within one pick).
   */
  @Test
  void randomWeightVectorsMatchTheOracleOverFullCyclesAndStayCloseToTheIdealShare() {
    SplittableRandom random = new SplittableRandom(20261128L);
    for (int round = 0; round < 500; round++) {
      int[] weights = randomWeights(random);
      WeightedPicker picker = WeightedPicker.of(weights);
      int[] expected = oracleCountsPerCycle(weights);
      if (expected == null) {
        assertThat(picker.pick()).isEqualTo(-1);
        continue;
      }
      int cycle = sum(expected);
      assertThat(picker.cycleLength()).isEqualTo(cycle);

      long[] counts = new long[weights.length];
      int cycles = 3;
      for (int k = 1; k <= cycle * cycles; k++) {
        counts[picker.pick()]++;
        for (int i = 0; i < weights.length; i++) {
          double ideal = (double) k * expected[i] / cycle;
          assertThat(Math.abs(counts[i] - ideal))
              .as("weights %s after %d picks, destination %d", List.of(box(weights)), k, i)
              .isLessThan(Math.max(1, weights.length - 1));
        }
      }
      for (int i = 0; i < weights.length; i++) {
        assertThat(counts[i]).isEqualTo((long) expected[i] * cycles);
      }
    }
  }

  @Test
  void concurrentPicksOverAMultipleOfTheCycleAreExactlyProportional() throws Exception {
    WeightedPicker picker = WeightedPicker.of(70, 30);
    int threads = 4;
    int picksPerThread = 100_000;
    long[][] counts = new long[threads][2];
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long[] mine = counts[t];
      workers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    awaitQuietly(start);
                    for (int i = 0; i < picksPerThread; i++) {
                      mine[picker.pick()]++;
                    }
                  }));
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    long zeros = 0;
    long ones = 0;
    for (long[] mine : counts) {
      zeros += mine[0];
      ones += mine[1];
    }
    assertThat(zeros).isEqualTo(280_000);
    assertThat(ones).isEqualTo(120_000);
  }

  @Test
  void rejectsNegativeWeightsAndNoDestinations() {
    assertThatThrownBy(() -> WeightedPicker.of(70, -30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weights[1]: Invalid value: -30: must be non-negative");
    assertThatThrownBy(() -> WeightedPicker.of())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weights: must name at least one destination");
  }

  @Test
  void rejectsCyclesTooLongToPrecompute() {
    assertThatThrownBy(() -> WeightedPicker.of(1_000_003, 999_999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "weights: Invalid value: cycle of 2000002 picks: must be at most 1048576"
                + " (sum of weights divided by their gcd)");
  }

  @Test
  void theCallersArrayIsCopied() {
    int[] weights = {1, 1};
    WeightedPicker picker = WeightedPicker.of(weights);
    weights[0] = 0;

    assertThat(schedule(picker)).containsExactly(0, 1);
  }

  private static int[] schedule(WeightedPicker picker) {
    int[] schedule = new int[picker.cycleLength()];
    for (int i = 0; i < schedule.length; i++) {
      schedule[i] = picker.pick();
    }
    return schedule;
  }

  private static int longestCyclicRun(int[] schedule, int destination) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < schedule.length * 2; i++) {
      run = schedule[i % schedule.length] == destination ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return Math.min(longest, schedule.length);
  }

  private static int[] randomWeights(SplittableRandom random) {
    int[] weights = new int[random.nextInt(2, 7)];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 101);
    }
    return weights;
  }

  /** Picks per cycle computed independently: weight / gcd; null when every weight is zero. */
  private static int[] oracleCountsPerCycle(int[] weights) {
    BigInteger gcd = BigInteger.ZERO;
    for (int weight : weights) {
      gcd = gcd.gcd(BigInteger.valueOf(weight));
    }
    if (gcd.signum() == 0) {
      return null;
    }
    int[] counts = new int[weights.length];
    for (int i = 0; i < weights.length; i++) {
      counts[i] = weights[i] / gcd.intValueExact();
    }
    return counts;
  }

  private static int sum(int[] values) {
    int sum = 0;
    for (int value : values) {
      sum += value;
    }
    return sum;
  }

  private static Integer[] box(int[] values) {
    Integer[] boxed = new Integer[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
