package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Cluster;
import io.canarymesh.mesh.model.LbPolicy;
import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.Route;
import io.canarymesh.mesh.model.RouteAction;
import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.mesh.model.VirtualHost;
import io.canarymesh.mesh.model.WeightedDestination;
import io.canarymesh.proxy.balance.StickyWeightedPicker;
import io.canarymesh.proxy.balance.WeightedPicker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link RouteTable} compiled for the hot path: listeners by name, host selectors, routes with
 * their weighted pickers and resolved clusters. Immutable once built; the proxy reads the current
 * one through a single volatile reference, and a request keeps the snapshot it started with.
 */
final class RouteSnapshot {
  final RouteTable table;
  private final Map<String, ListenerRoutes> listeners = new HashMap<>();
  private final Map<String, ClusterSnapshot> clusters = new HashMap<>();
  private final Map<String, L4ListenerRoutes> l4Listeners = new HashMap<>();

  private RouteSnapshot(RouteTable table) {
    this.table = table;
  }

  /**
   * Compiles {@code table}; {@code circuits} gives each cluster name its long-lived circuit and
   * {@code metrics} its metric series.
   */
  static RouteSnapshot compile(
      RouteTable table,
      Function<Cluster, ClusterCircuit> circuits,
      Function<Cluster, ClusterMetrics> metrics) {
    RouteSnapshot snapshot = new RouteSnapshot(table);
    ClientWorkloads clients = ClientWorkloads.of(table.clients());
    for (Cluster cluster : table.clusters()) {
      snapshot.clusters.put(
          cluster.name(),
          new ClusterSnapshot(cluster, circuits.apply(cluster), metrics.apply(cluster)));
    }
    for (Listener listener : table.listeners()) {
      List<VirtualHostRoutes> hosts =
          listener.virtualHosts().stream().map(snapshot::virtualHost).toList();
      String scheme = listener.tls().isPresent() ? "https" : "http";
      snapshot.listeners.put(
          listener.name(),
          new ListenerRoutes(
              listener,
              new HostSelector(hosts, listener.port()),
              scheme,
              listener.isMesh() ? clients : ClientWorkloads.NONE));
      if (listener.isL4()) {
        snapshot.l4Listeners.put(
            listener.name(), new L4ListenerRoutes(listener, snapshot.clusters::get));
      }
    }
    return snapshot;
  }

  /** The connection routes of an L4 listener; null when {@code name} serves HTTP (or nothing). */
  L4ListenerRoutes l4Listener(String name) {
    return l4Listeners.get(name);
  }

  ListenerRoutes listener(String name) {
    return listeners.get(name);
  }

  ClusterSnapshot cluster(String name) {
    return clusters.get(name);
  }

  private VirtualHostRoutes virtualHost(VirtualHost host) {
    return new VirtualHostRoutes(
        host,
        host.routes().stream().map(this::route).toArray(RouteEntry[]::new),
        host.callerFallback().map(this::route).orElse(null));
  }

  private RouteEntry route(Route route) {
    if (!(route.action() instanceof RouteAction.Forward forward)) {
      return new RouteEntry(
          route,
          new WeightedDestination[0],
          new ClusterSnapshot[0],
          null,
          null,
          null,
          SourceCondition.of(route.matches()));
    }
    WeightedDestination[] destinations = forward.destinations().toArray(WeightedDestination[]::new);
    ClusterSnapshot[] targets = new ClusterSnapshot[destinations.length];
    int[] weights = new int[destinations.length];
    for (int i = 0; i < destinations.length; i++) {
      targets[i] = clusters.get(destinations[i].cluster());
      weights[i] = destinations[i].weight();
    }
    LbPolicy.HashKey stickyKey = destinations.length > 1 ? HashKeys.common(targets) : null;
    return new RouteEntry(
        route,
        destinations,
        targets,
        WeightedPicker.of(weights),
        stickyKey == null ? null : StickyWeightedPicker.of(weights),
        stickyKey,
        SourceCondition.of(route.matches()));
  }
}
