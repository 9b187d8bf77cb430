package io.canarymesh.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.canarymesh.mesh.model.Endpoint;
import io.canarymesh.mesh.model.LbPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Slow start with an injected clock: Envoy's factor, smooth weighted picks, then the fast path. */
class SlowStartPickerTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long OLD = Long.MIN_VALUE;
  private static final Endpoint[] TWO = {endpoint(1), endpoint(2)};

  private static Endpoint endpoint(int i) {
    return new Endpoint("10.0.0." + i, 8080, Map.of(), true);
  }

  private static LbPolicy.Warmup warmup(int seconds, double minimumPercent, double aggression) {
    return new LbPolicy.Warmup(Duration.ofSeconds(seconds), minimumPercent, aggression);
  }

  @Test
  void theFactorFollowsEnvoysFormula() {
    LbPolicy.Warmup linear = warmup(60, 10, 1.0);
    assertThat(SlowStart.factor(0, linear)).isEqualTo(0.1); // max(1 s)/60 = 0.017 < floor
    assertThat(SlowStart.factor(3 * SECOND, linear)).isEqualTo(0.1); // 0.05 < floor
    assertThat(SlowStart.factor(30 * SECOND, linear)).isCloseTo(0.5, within(1e-9));
    assertThat(SlowStart.factor(30 * SECOND, warmup(60, 10, 2.0)))
        .isCloseTo(Math.sqrt(0.5), within(1e-9));
    assertThat(SlowStart.factor(30 * SECOND, warmup(60, 0, 0.5))).isCloseTo(0.25, within(1e-9));
    assertThat(SlowStart.factor(60 * SECOND, linear)).isEqualTo(1.0);
    assertThat(SlowStart.factor(0, warmup(60, 50, 1.0))).isEqualTo(0.5);
  }

  /** Counts of each endpoint over {@code picks} picks at the clock's current time. */
  private static int[] counts(EndpointPicker picker, int picks) {
    int[] counts = new int[picker.size()];
    for (int i = 0; i < picks; i++) {
      counts[picker.pick()]++;
    }
    return counts;
  }

  @Test
  void aNewEndpointRampsFromTheMinimumToAnEqualShare() {
    AtomicLong clock = new AtomicLong(1_000 * SECOND);
    long joined = clock.get();
    SlowStartPicker picker =
        new SlowStartPicker(
            TWO,
            new RoundRobinPicker(TWO),
            new long[] {OLD, joined},
            warmup(60, 10, 1.0),
            null,
            clock::get);

    // at join: weights 1 and 0.1 → the new endpoint gets 1/11 of 1100 picks, smoothly
    int[] atJoin = counts(picker, 1100);
    assertThat(atJoin[1]).isCloseTo(100, within(2));

    clock.set(joined + 30 * SECOND); // weights 1 and 0.5 → a third
    assertThat(counts(picker, 900)[1]).isCloseTo(300, within(2));

    clock.set(joined + 60 * SECOND); // window over: plain round robin, exactly alternating
    int first = picker.pick();
    for (int i = 0; i < 10; i++) {
      assertThat(picker.pick()).isEqualTo((first + 1 + i) % 2);
    }
  }

  @Test
  void anyShortRunOfPicksAlreadyFollowsTheWeights() {
    AtomicLong clock = new AtomicLong(0);
    SlowStartPicker picker =
        new SlowStartPicker(
            TWO,
            new RoundRobinPicker(TWO),
            new long[] {OLD, 0},
            warmup(10, 25, 1.0),
            null,
            clock::get);
    // weights 1 and 0.25: every window of 20 consecutive picks holds 4 ± 1 for the new one
    int[] sequence = new int[400];
    for (int i = 0; i < sequence.length; i++) {
      sequence[i] = picker.pick();
    }
    for (int start = 0; start + 20 <= sequence.length; start++) {
      int newOnes = 0;
      for (int i = start; i < start + 20; i++) {
        newOnes += sequence[i];
      }
      assertThat(newOnes).as("picks %d..%d", start, start + 19).isBetween(3, 5);
    }
  }

  @Test
  void leastRequestWeighsTheFactorAgainstTheLoad() {
    AtomicLong clock = new AtomicLong(0);
    AtomicIntegerArray inFlight = new AtomicIntegerArray(new int[] {3, 0});
    SlowStartPicker picker =
        new SlowStartPicker(
            TWO,
            new LeastRequestPicker(TWO, inFlight),
            new long[] {OLD, 0},
            warmup(10, 50, 1.0),
            inFlight,
            clock::get);
    // weights 1/(3+1) = 0.25 and 0.5/(0+1) = 0.5: the idle warming endpoint takes two thirds
    assertThat(counts(picker, 300)[1]).isCloseTo(200, within(2));
  }

  @Test
  void withoutAWarmingEndpointTheSteadyPickerServesAlone() {
    assertThat(SlowStartPicker.anyWarming(new long[] {OLD, OLD})).isFalse();
    assertThat(SlowStartPicker.anyWarming(new long[] {OLD, 5})).isTrue();
    SlowStartPicker picker =
        new SlowStartPicker(
            TWO,
            new RoundRobinPicker(TWO),
            new long[] {OLD, OLD},
            warmup(10, 10, 1.0),
            null,
            () -> 0);
    assertThat(counts(picker, 10)).containsExactly(5, 5);
  }
}
