package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Cluster;
import io.canarymesh.mesh.model.Endpoint;
import io.canarymesh.mesh.model.LbPolicy;
import io.canarymesh.mesh.model.OutlierDetection;
import io.canarymesh.proxy.balance.ConsistentHashTable;
import io.canarymesh.proxy.balance.EndpointPicker;
import io.canarymesh.proxy.balance.LeastRequestPicker;
import io.canarymesh.proxy.balance.RandomPicker;
import io.canarymesh.proxy.balance.RoundRobinPicker;
import io.canarymesh.proxy.balance.SlowStartPicker;
import io.canarymesh.proxy.balance.XxHash64;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A cluster of one table with its ready endpoints resolved and its endpoint picker built; the
 * circuit (limits and counters) is shared with the same cluster in other tables.
 */
final class ClusterSnapshot {
  final Cluster cluster;
  final EndpointPicker picker;
  final UpstreamTarget[] targets;
  final ClusterCircuit circuit;
  final AtomicIntegerArray inFlight;
  final ClusterMetrics metrics;

  /** The consistent-hash key, when the DestinationRule sets one; null otherwise. */
  final LbPolicy.HashKey hashKey;

  /** Each target's outlier state, when the cluster has outlier detection; null otherwise. */
  final EndpointHealth[] health;

  /** The ring hash or Maglev table over the targets, when hashKey is set; null otherwise. */
  final ConsistentHashTable hashTable;

  ClusterSnapshot(Cluster cluster, ClusterCircuit circuit, ClusterMetrics metrics) {
    this.cluster = cluster;
    this.circuit = circuit;
    this.metrics = metrics;
    List<Endpoint> ready = cluster.readyEndpoints();
    Endpoint[] endpoints = ready.toArray(Endpoint[]::new);
    this.targets = new UpstreamTarget[endpoints.length];
    for (int i = 0; i < endpoints.length; i++) {
      targets[i] = UpstreamTarget.of(cluster.name(), endpoints[i]);
    }
    this.inFlight = new AtomicIntegerArray(endpoints.length);
    String[] hostPorts =
        Arrays.stream(targets).map(UpstreamTarget::hostPort).toArray(String[]::new);
    long[] joined = circuit.ages.update(hostPorts, System.nanoTime());
    this.picker = picker(cluster.lbPolicy(), endpoints, inFlight, joined);
    this.hashKey = cluster.lbPolicy() instanceof LbPolicy.ConsistentHash hash ? hash.key() : null;
    this.health =
        cluster.outlierDetection().isPresent() ? new EndpointHealth[targets.length] : null;
    if (health != null) {
      for (int i = 0; i < targets.length; i++) {
        health[i] = circuit.health(targets[i].hostPort());
      }
    }
    this.hashTable =
        cluster.lbPolicy() instanceof LbPolicy.ConsistentHash hash
            ? circuit.hashTables.get(hash.table(), hostPorts)
            : null;
  }

  /**
   * The endpoint for a request whose consistent-hash key is {@code key} (Envoy hashes the key's
   * bytes with xxHash64), moved off an ejected endpoint like any pick.
   */
  int pickByHash(String key) {
    return avoidEjected(hashTable.pick(XxHash64.hash(key)));
  }

  /**
   * {@code index}, or the next endpoint that is not ejected; {@code index} itself when all are
   * (Envoy's panic routing: better a doubtful endpoint than none).
   */
  int avoidEjected(int index) {
    if (health == null || index < 0) {
      return index;
    }
    long now = System.nanoTime();
    for (int i = 0; i < health.length; i++) {
      int candidate = (index + i) % health.length;
      if (!health[candidate].ejected(now)) {
        return candidate;
      }
    }
    return index;
  }

  /**
   * Records an answer of endpoint {@code index}; ejects it when outlier detection says so and fewer
   * than maxEjectionPercent are out (at least one may always be, as in Envoy).
   */
  boolean recordOutcome(int index, int status) {
    if (health == null || index < 0) {
      return false;
    }
    OutlierDetection policy = cluster.outlierDetection().get();
    if (!health[index].record(status, policy)) {
      return false;
    }
    long now = System.nanoTime();
    int ejected = 0;
    for (EndpointHealth endpoint : health) {
      ejected += endpoint.ejected(now) ? 1 : 0;
    }
    int allowed = Math.max(1, health.length * policy.maxEjectionPercent() / 100);
    return ejected < allowed && health[index].eject(now, policy);
  }

  /**
   * The picker for requests without a hash key: with slow start while an endpoint that joined
   * within the warmup window is warming. PASSTHROUGH balances as RANDOM (see README).
   */
  private static EndpointPicker picker(
      LbPolicy policy, Endpoint[] endpoints, AtomicIntegerArray inFlight, long[] joined) {
    if (!(policy instanceof LbPolicy.Simple simple)) {
      return new RoundRobinPicker(endpoints);
    }
    EndpointPicker steady =
        switch (simple.algorithm()) {
          case RANDOM, PASSTHROUGH -> new RandomPicker(endpoints);
          case LEAST_REQUEST -> new LeastRequestPicker(endpoints, inFlight);
          case ROUND_ROBIN -> new RoundRobinPicker(endpoints);
        };
    if (simple.warmup().isEmpty() || !SlowStartPicker.anyWarming(joined)) {
      return steady;
    }
    return new SlowStartPicker(
        endpoints,
        steady,
        joined,
        simple.warmup().get(),
        simple.algorithm() == LbPolicy.Algorithm.LEAST_REQUEST ? inFlight : null,
        System::nanoTime);
  }
}
