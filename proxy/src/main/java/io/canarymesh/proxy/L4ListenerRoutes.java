package io.canarymesh.proxy;

import io.canarymesh.mesh.model.L4Route;
import io.canarymesh.mesh.model.Listener;
import java.net.InetAddress;
import java.util.function.Function;

/** An L4 listener of one snapshot: its connection routes, in order. */
final class L4ListenerRoutes {
  final Listener listener;

  /**
   * Whether the ClientHello is read first: always on a passthrough server; on a mesh TLS port only
   * when a {@code tls} route needs the server name (else bytes go straight to the default route).
   */
  final boolean bySni;

  private final L4RouteEntry[] routes;

  L4ListenerRoutes(Listener listener, Function<String, ClusterSnapshot> clusterByName) {
    this.listener = listener;
    this.routes =
        listener.l4Routes().stream()
            .map((L4Route route) -> L4RouteEntry.of(route, clusterByName))
            .toArray(L4RouteEntry[]::new);
    this.bySni =
        listener.isTlsPassthrough()
            || (listener.isMesh() && listener.l4Routes().stream().anyMatch(L4Route::bySni));
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
