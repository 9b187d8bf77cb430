package io.canarymesh.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Ring hash and Maglev: spread by weight, stability, minimal disruption, determinism. */
class ConsistentHashTableTest {
  private static final int KEYS = 100_000;

  enum Kind {
    RING(1024),
    LARGE_RING(65536),
    MAGLEV(MaglevTable.DEFAULT_TABLE_SIZE);

    final int size;

    Kind(int size) {
      this.size = size;
    }

    ConsistentHashTable build(String[] hosts, int[] weights) {
      return this == MAGLEV
          ? MaglevTable.build(hosts, weights, size)
          : RingHashTable.build(hosts, weights, size);
    }

    ConsistentHashTable build(String[] hosts) {
      int[] weights = new int[hosts.length];
      Arrays.fill(weights, 1);
      return build(hosts, weights);
    }
  }

  private static String[] hosts(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "10.0.0." + (i + 1) + ":8080")
        .toArray(String[]::new);
  }

  private static long key(int i) {
    return XxHash64.hash("user-" + i);
  }

  private static double[] shares(ConsistentHashTable table) {
    double[] shares = new double[table.size()];
    for (int i = 0; i < KEYS; i++) {
      shares[table.pick(key(i))] += 1.0 / KEYS;
    }
    return shares;
  }

  @Test
  void xxHash64MatchesTheReferenceVectors() {
    assertThat(XxHash64.hash("")).isEqualTo(0xEF46DB3751D8E999L);
    assertThat(XxHash64.hash("a")).isEqualTo(0xD24EC4F1A98C6E5BL);
    assertThat(XxHash64.hash("abc")).isEqualTo(0x44BC2CF5AD770999L);
    String sentence = "Nobody inspects the spammish repetition"; // 39 bytes: stripes + tail
    assertThat(XxHash64.hash(sentence)).isEqualTo(0xFBCEA83C8A378BF1L);
    assertThat(XxHash64.hash("xxhash")).isEqualTo(0x32DD38952C4BC720L);
    assertThat(XxHash64.hash("xxhash", 20141025)).isEqualTo(0xB559B98D844E0635L);
  }

  @Test
  void nonAsciiKeysHashAsUtf8() {
    assertThat(XxHash64.hash("é")).isEqualTo(XxHash64.hash(new StringBuilder("é")));
    assertThat(XxHash64.hash("é")).isNotEqualTo(XxHash64.hash("e"));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void equalHostsShareTheKeysEvenly(Kind kind) {
    double[] shares = shares(kind.build(hosts(3)));
    // a 1024-point ring gives each host ~342 points: a few percent of unevenness, as in Envoy
    double tolerance = kind == Kind.RING ? 0.05 : 0.01;
    for (double share : shares) {
      assertThat(share).isCloseTo(1 / 3.0, within(tolerance));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"LARGE_RING", "MAGLEV"})
  void weightedHostsGetTheirShare(Kind kind) {
    double[] shares = shares(kind.build(hosts(3), new int[] {1, 2, 3}));
    assertThat(shares[0]).isCloseTo(1 / 6.0, within(0.015));
    assertThat(shares[1]).isCloseTo(2 / 6.0, within(0.015));
    assertThat(shares[2]).isCloseTo(3 / 6.0, within(0.015));
  }

  @Test
  void ringPointsFollowTheWeights() {
    assertThat(RingHashTable.pointCounts(new int[] {1, 1, 1}, 1024)).containsExactly(342, 342, 342);
    assertThat(RingHashTable.pointCounts(new int[] {1, 3}, 1024)).containsExactly(256, 768);
    assertThat(RingHashTable.build(hosts(2000), ones(2000), 1024).ringSize())
        .as("more hosts than the minimum: one point each")
        .isEqualTo(2000);
  }

  /** The share of keys that change host, and of those that leave a host that stays. */
  private static double[] disruption(Kind kind, int hosts) {
    String[] all = hosts(hosts);
    String[] fewer = Arrays.copyOf(all, hosts - 1);
    ConsistentHashTable before = kind.build(all);
    ConsistentHashTable after = kind.build(fewer);
    int moved = 0;
    int movedFromKeptHosts = 0;
    for (int i = 0; i < KEYS; i++) {
      String was = all[before.pick(key(i))];
      if (!was.equals(fewer[after.pick(key(i))])) {
        moved++;
        movedFromKeptHosts += was.equals(all[hosts - 1]) ? 0 : 1;
      }
    }
    return new double[] {moved / (double) KEYS, movedFromKeptHosts / (double) KEYS};
  }

  @Test
  void removingOneOfAHundredRingHostsMovesOnlyItsOwnKeys() {
    // 1024 / 100 and 1024 / 99 both round up to 11 points per host: the survivors' points stay
    double[] disruption = disruption(Kind.RING, 100);
    assertThat(disruption[0]).isCloseTo(0.01, within(0.005));
    assertThat(disruption[1]).isZero();
  }

  @Test
  void removingOneOfTenRingHostsAlsoMovesKeysToTheSurvivorsNewPoints() {
    // As in Envoy the ring is rescaled: 10 hosts get 103 points each, 9 get 114, so besides the
    // removed host's tenth, keys on the 11 points each survivor gains (~9 % of the ring) move.
    double[] disruption = disruption(Kind.RING, 10);
    assertThat(disruption[0]).isBetween(0.09, 0.2);
    assertThat(disruption[1]).isLessThan(11 / 114.0);
  }

  @Test
  void removingOneOfTenMaglevHostsMovesAboutATenth() {
    double[] disruption = disruption(Kind.MAGLEV, 10);
    assertThat(disruption[0]).isCloseTo(0.1, within(0.01));
    assertThat(disruption[1]).as("minimal, not zero, disruption").isLessThan(0.005);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theSameKeyAlwaysGoesToTheSameHostWhateverTheEndpointOrder(Kind kind) {
    String[] ordered = hosts(7);
    List<String> shuffled = new ArrayList<>(List.of(ordered));
    Collections.shuffle(shuffled, new Random(42));
    String[] reordered = shuffled.toArray(String[]::new);
    ConsistentHashTable first = kind.build(ordered);
    ConsistentHashTable again = kind.build(ordered);
    ConsistentHashTable other = kind.build(reordered);
    for (int i = 0; i < 10_000; i++) {
      assertThat(first.pick(key(i))).isEqualTo(again.pick(key(i)));
      assertThat(reordered[other.pick(key(i))]).isEqualTo(ordered[first.pick(key(i))]);
    }
  }

  @Test
  void placementsAreStableAcrossRuns() {
    // pinned values: a change here means every user of a running mesh moves host on upgrade
    BiFunction<ConsistentHashTable, String, Integer> pick = (t, k) -> t.pick(XxHash64.hash(k));
    ConsistentHashTable ring = Kind.RING.build(hosts(5));
    ConsistentHashTable maglev = Kind.MAGLEV.build(hosts(5));
    int[] ringPicks = IntStream.range(0, 8).map(i -> pick.apply(ring, "user-" + i)).toArray();
    int[] maglevPicks = IntStream.range(0, 8).map(i -> pick.apply(maglev, "user-" + i)).toArray();
    assertThat(ringPicks).containsExactly(RING_PINNED);
    assertThat(maglevPicks).containsExactly(MAGLEV_PINNED);
  }

  private static final int[] RING_PINNED = {2, 3, 2, 4, 4, 2, 3, 4};
  private static final int[] MAGLEV_PINNED = {2, 1, 0, 3, 3, 4, 0, 2};

  @Test
  void maglevTableSizesMustBePrimeAndBelowFiveMillionEleven() {
    assertThat(MaglevTable.validTableSize(65537)).isTrue();
    assertThat(MaglevTable.validTableSize(4999999)).isTrue();
    assertThat(MaglevTable.validTableSize(5000011)).isFalse();
    assertThat(MaglevTable.validTableSize(65536)).isFalse();
    assertThat(MaglevTable.validTableSize(5000077)).isFalse();
    assertThat(MaglevTable.validTableSize(1)).isFalse();
    assertThatThrownBy(() -> MaglevTable.build(hosts(2), ones(2), 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tableSize: Invalid value: 1000");
  }

  @Test
  void equalPointsGoToTheSmallerHostKeyAndLargeRingsBuild() {
    RingHashTable twins = RingHashTable.build(new String[] {"b:1", "a:1", "b:1"}, ones(3), 1024);
    for (int i = 0; i < 1000; i++) {
      assertThat(twins.pick(key(i))).isIn(0, 1); // a duplicate never shadows its first copy
    }
    RingHashTable large = RingHashTable.build(hosts(4), ones(4), 1 << 20);
    assertThat(large.ringSize()).isEqualTo(1 << 20);
    for (double share : shares(large)) {
      assertThat(share).isCloseTo(0.25, within(0.01));
    }
  }

  @Test
  void anEmptyTablePicksNothing() {
    assertThat(RingHashTable.build(new String[0], new int[0], 1024).pick(key(1))).isEqualTo(-1);
    assertThat(MaglevTable.build(new String[0], new int[0], 65537).pick(key(1))).isEqualTo(-1);
  }

  private static int[] ones(int n) {
    int[] ones = new int[n];
    Arrays.fill(ones, 1);
    return ones;
  }
}
