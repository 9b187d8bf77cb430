package io.canarymesh.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordInvariantsTest {
  private static final String V1 = "outbound|9090|v1|micro-api.default.svc.cluster.local";

  @Test
  void forwardNeedsAPositiveTotalWeight() {
    assertThatThrownBy(() -> new RouteAction.Forward(List.of()))
        .hasMessage("a forward needs at least one destination");
    assertThatThrownBy(
            () ->
                new RouteAction.Forward(
                    List.of(WeightedDestination.of(V1, 0), WeightedDestination.of("b", 0))))
        .hasMessage("total destination weight must be positive, got 0");
    assertThat(
            new RouteAction.Forward(
                    List.of(WeightedDestination.of(V1, 70), WeightedDestination.of("b", 30)))
                .totalWeight())
        .isEqualTo(100);
  }

  @Test
  void weightsAreNotNegative() {
    assertThatThrownBy(() -> WeightedDestination.of(V1, -1))
        .hasMessage("weight of " + V1 + " must not be negative, got -1");
  }

  @Test
  void listsAreCopied() {
    List<WeightedDestination> destinations =
        new ArrayList<>(List.of(WeightedDestination.of(V1, 1)));
    RouteAction.Forward forward = new RouteAction.Forward(destinations);
    destinations.add(WeightedDestination.of("other", 1));
    assertThat(forward.destinations()).hasSize(1);
    assertThatThrownBy(() -> forward.destinations().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void routeNeedsAMatchEntry() {
    assertThatThrownBy(
            () ->
                new Route(
                    Optional.empty(),
                    "VirtualService default/x http[0]",
                    List.of(),
                    new RouteAction.DirectResponse(200, Optional.empty()),
                    Optional.empty(),
                    Optional.empty(),
                    RetryPolicy.NONE,
                    Optional.empty(),
                    List.of(),
                    Optional.empty(),
                    HeaderOperations.NONE,
                    HeaderOperations.NONE))
        .hasMessage(
            "route VirtualService default/x http[0] has no match entries; use RouteMatch.any()");
  }

  @Test
  void unavailableClustersHaveNoEndpointsAndAreNamedLikeIstio() {
    Cluster cluster =
        Cluster.unavailable(
            9090,
            Optional.of("v3"),
            "micro-api.default.svc.cluster.local",
            Cluster.Availability.NO_SUCH_SUBSET);
    assertThat(cluster.name()).isEqualTo("outbound|9090|v3|micro-api.default.svc.cluster.local");
    assertThat(cluster.endpoints()).isEmpty();
    assertThatThrownBy(
            () ->
                new Cluster(
                    "c",
                    "h",
                    80,
                    Optional.empty(),
                    Cluster.Availability.NO_SUCH_HOST,
                    List.of(new Endpoint("127.0.0.1", 80, Map.of(), true)),
                    LbPolicy.DEFAULT,
                    ConnectionLimits.UNLIMITED,
                    Optional.empty(),
                    Cluster.DEFAULT_CONNECT_TIMEOUT))
        .hasMessage("cluster c is NO_SUCH_HOST and cannot have endpoints");
  }

  @Test
  void tableFindsClustersByNameAndRejectsDuplicates() {
    List<Cluster> clusters = new ArrayList<>();
    for (String subset : List.of("v2", "v1", "v3")) {
      clusters.add(
          Cluster.unavailable(80, Optional.of(subset), "h", Cluster.Availability.NO_SUCH_SUBSET));
    }
    RouteTable table = new RouteTable(7, List.of(), clusters);
    assertThat(table.clusters())
        .extracting(Cluster::name)
        .containsExactly("outbound|80|v1|h", "outbound|80|v2|h", "outbound|80|v3|h");
    assertThat(table.cluster("outbound|80|v2|h")).contains(clusters.get(0));
    assertThat(table.cluster("outbound|80|v4|h")).isEmpty();
    assertThat(table.cluster("a")).isEmpty();
    clusters.add(clusters.get(0));
    assertThatThrownBy(() -> new RouteTable(7, List.of(), clusters))
        .hasMessage("duplicate cluster outbound|80|v2|h");
  }

  @Test
  void tableRejectsTwoListenersOnOneAddressAndPort() {
    Listener one =
        new Listener(
            "0.0.0.0_80",
            "0.0.0.0",
            80,
            Listener.Protocol.HTTP,
            List.of("default/gw"),
            true,
            Optional.empty(),
            List.of());
    assertThatThrownBy(() -> new RouteTable(1, List.of(one, one), List.of()))
        .hasMessage("duplicate listener 0.0.0.0_80");
    assertThat(new RouteTable(1, List.of(one), List.of()).listener("0.0.0.0", 80)).contains(one);
    assertThat(one.isMesh()).isFalse();
  }

  @Test
  void tableSortsClientWorkloadsByAddressAndRejectsTwoAtOneAddress() {
    ClientWorkload frontend = new ClientWorkload("127.244.0.11", "web", Map.of("app", "frontend"));
    ClientWorkload sleep = new ClientWorkload("127.244.0.10", "default", Map.of("app", "sleep"));
    assertThat(new RouteTable(1, List.of(), List.of(), List.of(frontend, sleep)).clients())
        .containsExactly(sleep, frontend);
    assertThat(new RouteTable(1, List.of(), List.of()).clients()).isEmpty();
    ClientWorkload again = new ClientWorkload("127.244.0.10", "other", Map.of());
    assertThatThrownBy(() -> new RouteTable(1, List.of(), List.of(), List.of(sleep, again)))
        .hasMessage("duplicate client workload 127.244.0.10");
    assertThatThrownBy(() -> new ClientWorkload(" ", "default", Map.of()))
        .hasMessage("client workload address must not be blank, got \" \"");
    assertThatThrownBy(() -> new ClientWorkload("127.244.0.10", "", Map.of()))
        .hasMessage("client workload namespace must not be blank, got \"\"");
  }

  @Test
  void limitsAndPercentagesAreChecked() {
    assertThatThrownBy(() -> new ConnectionLimits(0, 1, 1, 1, 1, Duration.ofHours(1)))
        .hasMessage("maxConnections must be positive, got 0");
    assertThatThrownBy(() -> new Mirror("c", 100.5))
        .hasMessage("mirror percentage must be in 0..100, got 100.5");
    assertThatThrownBy(
            () ->
                new LbPolicy.Simple(
                    LbPolicy.Algorithm.RANDOM,
                    Optional.of(new LbPolicy.Warmup(Duration.ofSeconds(1), 10, 1))))
        .hasMessage("warmup applies to ROUND_ROBIN and LEAST_REQUEST only");
  }

  @Test
  void consistentHashTablesAndWarmupAreCheckedAsEnvoyDoes() {
    assertThat(new LbPolicy.Maglev(65537).tableSize()).isEqualTo(65537);
    assertThatThrownBy(() -> new LbPolicy.Maglev(65536))
        .hasMessage("maglev tableSize must be a prime number below 5000011, got 65536");
    assertThatThrownBy(() -> new LbPolicy.Maglev(5000011)).hasMessageContaining("got 5000011");
    assertThatThrownBy(() -> new LbPolicy.RingHash(8 * 1024 * 1024 + 1))
        .hasMessage("minimumRingSize must be at most 8388608, got 8388609");
    assertThat(new LbPolicy.Warmup(Duration.ofSeconds(1), 10, 0.5).aggression()).isEqualTo(0.5);
    assertThatThrownBy(() -> new LbPolicy.Warmup(Duration.ofSeconds(1), 10, 0))
        .hasMessage("warmup aggression must be > 0, got 0.0");
  }

  @Test
  void headerNamesAreLowerCased() {
    HeaderOperations ops = new HeaderOperations(Map.of("X-A", "1"), Map.of(), List.of("Server"));
    assertThat(ops.set()).containsExactly(Map.entry("x-a", "1"));
    assertThat(ops.remove()).containsExactly("server");
  }
}
