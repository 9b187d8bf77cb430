package io.canarymesh.bench;

import java.time.Duration;
import java.util.List;

/**
 * What the benchmark does and how long each phase may take; every count and limit is bounded so a
 * run stays under about 90 s on two cores. Each value may be overridden with a system property
 * named after it, e.g. {@code -Dbench.writerThreads=8} or {@code -Dbench.fanOutStages=500@100}.
 *
 * @param writerThreads threads creating (then updating) ConfigMaps at once, sharing one client
 * @param warmUpObjectsPerThread ConfigMaps each writer thread creates and updates, untimed, before
 *     the measured phases, so that the first phase does not pay for class loading and the JIT
 * @param objectsPerThread ConfigMaps each writer thread creates, then updates once each
 * @param payloadBytes size of each ConfigMap's {@code payload} value
 * @param writePhaseLimit a write phase stops at this time even if not every object was written
 * @param watchers concurrent watches of the fan-out namespace
 * @param fanOutStages fan-out runs, each with fresh watches: how many updates of one watched
 *     ConfigMap, at what fixed pace (update {@code i} is sent at {@code i / rate} seconds)
 * @param fanOutLimit limit for establishing the watches, writing, and draining, each
 */
record BenchConfig(
    int writerThreads,
    int warmUpObjectsPerThread,
    int objectsPerThread,
    int payloadBytes,
    Duration writePhaseLimit,
    int watchers,
    List<FanOutStage> fanOutStages,
    Duration fanOutLimit) {

  /**
   * A light stage (2,500 deliveries/s to 100 watchers), then the headline stage at 10,000
   * deliveries/s.
   */
  static final String DEFAULT_STAGES = "250@25,500@100";

  static BenchConfig fromSystemProperties() {
    return new BenchConfig(
        Integer.getInteger("bench.writerThreads", 4),
        Integer.getInteger("bench.warmUpObjectsPerThread", 250),
        Integer.getInteger("bench.objectsPerThread", 1_000),
        Integer.getInteger("bench.payloadBytes", 256),
        Duration.ofSeconds(Integer.getInteger("bench.writePhaseLimitSeconds", 20)),
        Integer.getInteger("bench.watchers", 100),
        FanOutStage.parseList(System.getProperty("bench.fanOutStages", DEFAULT_STAGES)),
        Duration.ofSeconds(Integer.getInteger("bench.fanOutLimitSeconds", 15)));
  }
}
