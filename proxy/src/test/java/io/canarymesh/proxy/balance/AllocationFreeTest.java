package io.canarymesh.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.Endpoint;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hot-path pick, run a million times, allocates (next to) nothing. */
class AllocationFreeTest {
  private static final Endpoint[] ENDPOINTS = {
    new Endpoint("10.0.0.1", 8080, Map.of(), true),
    new Endpoint("10.0.0.2", 8080, Map.of(), true),
    new Endpoint("10.0.0.3", 8080, Map.of(), true)
  };

  static Stream<Arguments> picks() {
    WeightedPicker weighted = WeightedPicker.of(70, 20, 10);
    StickyWeightedPicker sticky = StickyWeightedPicker.of(70, 20, 10);
    String key = "session-8f2c1a";
    RoundRobinPicker roundRobin = new RoundRobinPicker(ENDPOINTS);
    RandomPicker random = new RandomPicker(ENDPOINTS);
    LeastRequestPicker leastRequest =
        new LeastRequestPicker(ENDPOINTS, new AtomicIntegerArray(new int[] {1, 0, 2}));
    String[] hosts = {"10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080"};
    RingHashTable ring = RingHashTable.build(hosts, new int[] {1, 1, 1}, 1024);
    MaglevTable maglev = MaglevTable.build(hosts, new int[] {1, 1, 1}, 65537);
    SlowStartPicker warming =
        new SlowStartPicker(
            ENDPOINTS,
            roundRobin,
            new long[] {Long.MIN_VALUE, Long.MIN_VALUE, System.nanoTime()},
            new io.canarymesh.mesh.model.LbPolicy.Warmup(java.time.Duration.ofHours(1), 10, 2.0),
            null,
            System::nanoTime);
    return Stream.of(
        Arguments.of("WeightedPicker", (IntSupplier) weighted::pick),
        Arguments.of("StickyWeightedPicker(CharSequence)", (IntSupplier) () -> sticky.pick(key)),
        Arguments.of("RoundRobinPicker", (IntSupplier) roundRobin::pick),
        Arguments.of("RandomPicker", (IntSupplier) random::pick),
        Arguments.of("LeastRequestPicker", (IntSupplier) leastRequest::pick),
        Arguments.of("RingHashTable", (IntSupplier) () -> ring.pick(XxHash64.hash(key))),
        Arguments.of("MaglevTable", (IntSupplier) () -> maglev.pick(XxHash64.hash(key))),
        Arguments.of("SlowStartPicker (warming)", (IntSupplier) warming::pick));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("picks")
  void pickDoesNotAllocate(String name, IntSupplier pick) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int i = 0; i < 100_000; i++) {
      sink += pick.getAsInt();
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1_000_000; i++) {
      sink += pick.getAsInt();
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(sink).isNotNegative();
    assertThat(allocated).as("bytes allocated by 1M picks").isLessThan(1024);
  }
}
