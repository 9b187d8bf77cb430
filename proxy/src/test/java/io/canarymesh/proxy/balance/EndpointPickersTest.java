package io.canarymesh.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canarymesh.mesh.model.Endpoint;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class EndpointPickersTest {
  private static final Endpoint[] NONE = {};

  @Test
  void roundRobinVisitsEveryEndpointInTurn() {
    RoundRobinPicker picker = new RoundRobinPicker(endpoints(3));
    int[] counts = new int[3];
    for (int i = 0; i < 300; i++) {
      int pick = picker.pick();
      assertThat(pick).isEqualTo(i % 3);
      counts[pick]++;
    }

    assertThat(counts).containsExactly(100, 100, 100);
    assertThat(picker.endpoint(2).address()).isEqualTo("10.0.0.2");
    assertThat(picker.size()).isEqualTo(3);
  }

  @Test
  void randomPicksEveryEndpointAndOnlyThoseInRange() {
    SplittableRandom seeded = new SplittableRandom(7L);
    RandomPicker picker = new RandomPicker(endpoints(4), () -> seeded);
    int[] counts = new int[4];
    for (int i = 0; i < 4_000; i++) {
      counts[picker.pick()]++;
    }

    for (int count : counts) {
      assertThat(count).isBetween(850, 1150);
    }
    assertThat(new RandomPicker(endpoints(2)).pick()).isBetween(0, 1);
  }

  @Test
  void leastRequestAlwaysPrefersTheLessLoadedOfTwo() {
    AtomicIntegerArray inFlight = new AtomicIntegerArray(new int[] {5, 0});
    LeastRequestPicker picker = picker(inFlight);

    for (int i = 0; i < 1_000; i++) {
      assertThat(picker.pick()).isEqualTo(1);
    }
  }

  @Test
  void leastRequestNeverPicksTheUniquelyBusiestEndpointAndFavoursTheIdlest() {
    AtomicIntegerArray inFlight = new AtomicIntegerArray(new int[] {3, 0, 3, 9});
    LeastRequestPicker picker = picker(inFlight);
    int[] counts = new int[4];
    for (int i = 0; i < 12_000; i++) {
      counts[picker.pick()]++;
    }

    assertThat(counts[3]).isZero();
    // the idle endpoint wins every pair it is drawn in: 3 of the 6 pairs, so half of the picks
    assertThat(counts[1]).isBetween(5_500, 6_500);
  }

  @Test
  void leastRequestFollowsTheCountersAsTheyChange() {
    AtomicIntegerArray inFlight = new AtomicIntegerArray(2);
    LeastRequestPicker picker = picker(inFlight);
    inFlight.set(0, 4);
    assertThat(picker.pick()).isEqualTo(1);
    inFlight.set(1, 8);
    assertThat(picker.pick()).isEqualTo(0);
  }

  @Test
  void leastRequestBreaksTiesTowardTheLowerIndex() {
    LeastRequestPicker picker = picker(new AtomicIntegerArray(new int[] {2, 2, 2}));

    assertThat(picker.lessLoaded(2, 1)).isEqualTo(1);
    assertThat(picker.lessLoaded(0, 2)).isZero();
  }

  @Test
  void leastRequestNeedsOneCounterPerEndpoint() {
    assertThatThrownBy(() -> new LeastRequestPicker(endpoints(3), new AtomicIntegerArray(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inFlight: Invalid value: length 2: must equal the number of endpoints (3)");
  }

  @Test
  void emptySnapshotsPickNothingAndSingletonsPickTheirOnlyEndpoint() {
    assertThat(new RoundRobinPicker(NONE).pick()).isEqualTo(-1);
    assertThat(new RandomPicker(NONE).pick()).isEqualTo(-1);
    assertThat(new LeastRequestPicker(NONE, new AtomicIntegerArray(0)).pick()).isEqualTo(-1);
    assertThat(new RoundRobinPicker(endpoints(1)).pick()).isZero();
    assertThat(new RandomPicker(endpoints(1)).pick()).isZero();
    assertThat(new LeastRequestPicker(endpoints(1), new AtomicIntegerArray(1)).pick()).isZero();
  }

  @Test
  void theSnapshotIsCopied() {
    Endpoint[] endpoints = endpoints(2);
    RoundRobinPicker picker = new RoundRobinPicker(endpoints);
    endpoints[0] = endpoints[1];

    assertThat(picker.endpoint(0).address()).isEqualTo("10.0.0.0");
  }

  private static LeastRequestPicker picker(AtomicIntegerArray inFlight) {
    SplittableRandom seeded = new SplittableRandom(11L);
    return new LeastRequestPicker(endpoints(inFlight.length()), inFlight, () -> seeded);
  }

  private static Endpoint[] endpoints(int count) {
    Endpoint[] endpoints = new Endpoint[count];
    for (int i = 0; i < count; i++) {
      endpoints[i] = new Endpoint("10.0.0." + i, 8080, Map.of("version", "v1"), true);
    }
    return endpoints;
  }
}
