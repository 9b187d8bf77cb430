package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.Cluster;
import io.canarymesh.mesh.model.ConnectionLimits;
import io.canarymesh.mesh.model.Endpoint;
import io.canarymesh.mesh.model.LbPolicy;
import io.canarymesh.proxy.balance.RoundRobinPicker;
import io.canarymesh.proxy.balance.SlowStartPicker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a cluster keeps across route tables: endpoint join times and its hash table. */
class ClusterSnapshotTest {
  private static final LbPolicy WARMUP =
      new LbPolicy.Simple(
          LbPolicy.Algorithm.ROUND_ROBIN,
          Optional.of(new LbPolicy.Warmup(Duration.ofMinutes(10), 10, 1.0)));
  private static final LbPolicy MAGLEV =
      new LbPolicy.ConsistentHash(new LbPolicy.HeaderKey("x-user"), new LbPolicy.Maglev(65537));

  private final ClusterCircuit circuit = new ClusterCircuit("c", ConnectionLimits.UNLIMITED);

  private ClusterSnapshot snapshot(LbPolicy policy, int... hosts) {
    List<Endpoint> endpoints =
        IntStream.of(hosts).mapToObj(h -> new Endpoint("10.0.0." + h, 80, Map.of(), true)).toList();
    Cluster cluster =
        new Cluster(
            "outbound|80||c.test",
            "c.test",
            80,
            Optional.empty(),
            Cluster.Availability.SERVING,
            endpoints,
            policy,
            ConnectionLimits.UNLIMITED,
            Optional.empty(),
            Cluster.DEFAULT_CONNECT_TIMEOUT);
    return new ClusterSnapshot(cluster, circuit, null);
  }

  @Test
  void endpointsJoiningLaterWarmAcrossTablesAndAReturningOneWarmsAgain() {
    assertThat(snapshot(WARMUP, 1, 2).picker)
        .as("first table")
        .isInstanceOf(RoundRobinPicker.class);
    assertThat(snapshot(WARMUP, 1, 2).picker).isInstanceOf(RoundRobinPicker.class);
    assertThat(snapshot(WARMUP, 1, 2, 3).picker).isInstanceOf(SlowStartPicker.class);
    assertThat(snapshot(WARMUP, 1, 2, 3).picker)
        .as("next table")
        .isInstanceOf(SlowStartPicker.class);
    assertThat(snapshot(WARMUP, 1, 2).picker).isInstanceOf(RoundRobinPicker.class);
    assertThat(snapshot(WARMUP, 2, 1).picker).isInstanceOf(RoundRobinPicker.class);
    assertThat(snapshot(WARMUP, 1, 2, 3).picker)
        .as("3 came back")
        .isInstanceOf(SlowStartPicker.class);
  }

  @Test
  void theHashTableIsReusedWhileTheEndpointsStay() {
    ClusterSnapshot first = snapshot(MAGLEV, 1, 2, 3);
    assertThat(snapshot(MAGLEV, 1, 2, 3).hashTable).isSameAs(first.hashTable);
    ClusterSnapshot fewer = snapshot(MAGLEV, 1, 2);
    assertThat(fewer.hashTable).isNotSameAs(first.hashTable);
    assertThat(fewer.hashTable.size()).isEqualTo(2);
    assertThat(fewer.pickByHash("user-7")).isBetween(0, 1);
  }
}
