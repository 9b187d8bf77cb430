package io.canarymesh.proxy;

import io.canarymesh.mesh.model.L4Match;
import io.canarymesh.mesh.model.L4Route;
import io.canarymesh.mesh.model.WeightedDestination;
import io.canarymesh.proxy.balance.WeightedPicker;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;

/**
 * A connection route with its matchers parsed, its clusters resolved and its weighted picker (the
 * same exact smooth weighted round robin as HTTP routes; state per route and per table, one atomic
 * cursor, no lock).
 */
final class L4RouteEntry {
  final L4Route route;
  final ClusterSnapshot[] clusters;
  final WeightedPicker picker;
  private final String[][] sniHosts;
  private final Subnet[][] subnets;

  private L4RouteEntry(L4Route route, Function<String, ClusterSnapshot> clusterByName) {
    this.route = route;
    List<WeightedDestination> destinations = route.forward().destinations();
    this.clusters = new ClusterSnapshot[destinations.size()];
    int[] weights = new int[destinations.size()];
    for (int i = 0; i < weights.length; i++) {
      clusters[i] = clusterByName.apply(destinations.get(i).cluster());
      weights[i] = destinations.get(i).weight();
    }
    this.picker = WeightedPicker.of(weights);
    List<L4Match> matches = route.matches();
    this.sniHosts = new String[matches.size()][];
    this.subnets = new Subnet[matches.size()][];
    for (int i = 0; i < matches.size(); i++) {
      sniHosts[i] = matches.get(i).sniHosts().toArray(String[]::new);
      subnets[i] =
          matches.get(i).destinationSubnets().stream().map(Subnet::parse).toArray(Subnet[]::new);
    }
  }

  static L4RouteEntry of(L4Route route, Function<String, ClusterSnapshot> clusterByName) {
    return new L4RouteEntry(route, clusterByName);
  }

  /**
   * Whether a connection with server name {@code sni} (null without one) to local address {@code
   * destination} matches one of the entries: every SNI condition needs a name.
   */
  boolean matches(String sni, InetAddress destination) {
    for (int i = 0; i < sniHosts.length; i++) {
      if (matchesSni(sniHosts[i], sni) && matchesSubnet(subnets[i], destination)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesSni(String[] patterns, String sni) {
    if (patterns.length == 0) {
      return true;
    }
    if (sni == null) {
      return false;
    }
    for (String pattern : patterns) {
      if (ServerNames.matches(pattern, sni)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesSubnet(Subnet[] subnets, InetAddress destination) {
    if (subnets.length == 0) {
      return true;
    }
    for (Subnet subnet : subnets) {
      if (destination != null && subnet.contains(destination)) {
        return true;
      }
    }
    return false;
  }
}
