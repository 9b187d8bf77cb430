package io.canarymesh.proxy;

import io.canarymesh.mesh.model.L4Route;
import io.canarymesh.mesh.model.Listener;
import java.net.InetAddress;
import java.util.function.Function;

/** An L4 listener of one snapshot: its connection routes, in order. */
final class L4ListenerRoutes {
  final Listener listener;
  private final L4RouteEntry[] routes;

  L4ListenerRoutes(Listener listener, Function<String, ClusterSnapshot> clusterByName) {
    this.listener = listener;
    this.routes =
        listener.l4Routes().stream()
            .map((L4Route route) -> L4RouteEntry.of(route, clusterByName))
            .toArray(L4RouteEntry[]::new);
  }

  /** The first route matching {@code sni} (null: none sent) and {@code destination}, or null. */
  L4RouteEntry select(String sni, InetAddress destination) {
    for (L4RouteEntry route : routes) {
      if (route.matches(sni, destination)) {
        return route;
      }
    }
    return null;
  }
}
