package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.Cluster;
import io.canarymesh.mesh.model.L4Match;
import io.canarymesh.mesh.model.L4Route;
import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.Route;
import io.canarymesh.mesh.model.RouteAction;
import io.canarymesh.mesh.model.VirtualHost;
import io.canarymesh.mesh.model.WeightedDestination;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The service proxy's listeners: one per service address (ClusterIP, ServiceEntry address) and
 * port. The VirtualService bound to {@code mesh} whose host names the service exactly (else the
 * most specific wildcard covering it) supplies the routes; of two claiming the same host the oldest
 * wins, as in Istio's sidecars. Without one, every request goes to the whole service, as kube-proxy
 * would send it.
 *
 * <p>A port that is TCP or TLS by Istio's protocol selection ({@code tcp-*}, {@code redis}, {@code
 * tls}, {@code https}...) gets an L4 listener instead: the VirtualService's {@code tls} routes (TLS
 * ports, by SNI) and {@code tcp} routes in that order, then the default route to the whole service,
 * as Istio's sidecar passes unmatched connections through to the service.
 */
final class MeshListenerCompiler {
  private final ClusterSet clusters;
  private final HttpRouteCompiler routes;
  private final L4RouteCompiler l4Routes;
  private final Diagnostics diagnostics;

  MeshListenerCompiler(
      ClusterSet clusters,
      HttpRouteCompiler routes,
      L4RouteCompiler l4Routes,
      Diagnostics diagnostics) {
    this.clusters = clusters;
    this.routes = routes;
    this.l4Routes = l4Routes;
    this.diagnostics = diagnostics;
  }

  /** A mesh-bound VirtualService and one of its hosts, resolved. */
  private record Claim(VirtualService vs, String host) {}

  List<Listener> compile(List<MeshService> services, List<VirtualService> virtualServices) {
    List<Claim> claims = meshClaims(virtualServices);
    List<Listener> listeners = new ArrayList<>();
    Set<String> bound = new HashSet<>();
    for (MeshService service : services) {
      if (clusters.service(service.host()).filter(s -> s == service).isEmpty()) {
        continue; // a duplicate host, already reported
      }
      Optional<VirtualService> vs = select(service.host(), claims);
      for (String address : service.addresses()) {
        for (MeshService.Port port : service.ports()) {
          if (!bound.add(Listener.nameOf(address, port.number()))) {
            diagnostics.warning(
                service.source(),
                "address "
                    + address
                    + ":"
                    + port.number()
                    + " is already served for another service; ignored");
            continue;
          }
          listeners.add(listener(service, address, port, vs));
        }
      }
    }
    return listeners;
  }

  private Listener listener(
      MeshService service, String address, MeshService.Port port, Optional<VirtualService> vs) {
    ListenerContext context =
        new ListenerContext(port.number(), Set.of(Listener.MESH), Optional.empty());
    if (relaysConnections(port.protocol())) {
      return l4Listener(service, address, port, vs, context);
    }
    Route defaultRoute =
        Route.forwardAll(
            "default route of " + service.source(),
            Cluster.nameOf(port.number(), Optional.empty(), service.host()));
    List<Route> serviceRoutes = vs.map(v -> routes.compile(v, context)).orElse(List.of());
    if (serviceRoutes.isEmpty()) {
      // Istio ignores a VirtualService that leaves no route for a sidecar: the service's default
      serviceRoutes = List.of(defaultRoute);
    }
    List<String> domains = new ArrayList<>(service.aliases());
    domains.add("*");
    VirtualHost host =
        new VirtualHost(
            service.host() + ":" + port.number(),
            domains,
            serviceRoutes,
            false,
            everyEntryHasSourceConditions(serviceRoutes)
                ? Optional.of(defaultRoute)
                : Optional.empty());
    return new Listener(
        Listener.nameOf(address, port.number()),
        address,
        port.number(),
        port.protocol(),
        List.of(Listener.MESH),
        true,
        Optional.empty(),
        List.of(host));
  }

  /** Istio's sidecar relays these ports as bytes; HTTPS included, as it does not terminate it. */
  private static boolean relaysConnections(Listener.Protocol protocol) {
    return protocol == Listener.Protocol.TCP
        || protocol == Listener.Protocol.TLS
        || protocol == Listener.Protocol.HTTPS;
  }

  private Listener l4Listener(
      MeshService service,
      String address,
      MeshService.Port port,
      Optional<VirtualService> vs,
      ListenerContext context) {
    List<L4Route> connectionRoutes = new ArrayList<>();
    vs.ifPresent(
        v -> {
          if (port.protocol() != Listener.Protocol.TCP) {
            // any SNI the client sends may be routed: the address already names the service
            connectionRoutes.addAll(l4Routes.tls(v, context, Set.of("*")));
          }
          connectionRoutes.addAll(l4Routes.tcp(v, context));
        });
    connectionRoutes.add(
        new L4Route(
            "default route of " + service.source(),
            List.of(L4Match.any()),
            new RouteAction.Forward(
                List.of(
                    WeightedDestination.of(
                        Cluster.nameOf(port.number(), Optional.empty(), service.host()), 1)))));
    return new Listener(
        Listener.nameOf(address, port.number()),
        address,
        port.number(),
        port.protocol(),
        List.of(Listener.MESH),
        true,
        Optional.empty(),
        List.of(),
        connectionRoutes);
  }

  /**
   * True when some caller may be left with no route at all: each entry of each route names source
   * labels or a namespace. That caller's sidecar would get none of the VirtualService's routes in
   * Istio, and so the service's default route.
   */
  private static boolean everyEntryHasSourceConditions(List<Route> routes) {
    return routes.stream()
        .flatMap(route -> route.matches().stream())
        .allMatch(match -> !match.sourceLabels().isEmpty() || match.sourceNamespace().isPresent());
  }

  private static List<Claim> meshClaims(List<VirtualService> virtualServices) {
    List<Claim> claims = new ArrayList<>();
    for (VirtualService vs : virtualServices) {
      ResourceId id = ResourceId.of(vs);
      if (GatewayRefs.bindings(vs.getSpec().getGateways(), id.namespace())
          .contains(Listener.MESH)) {
        Objects.requireNonNullElse(vs.getSpec().getHosts(), List.<String>of()).stream()
            .filter(Objects::nonNull)
            .forEach(host -> claims.add(new Claim(vs, HostNames.resolve(host, id.namespace()))));
      }
    }
    return claims;
  }

  /** Exact claims first, then longer wildcards; the oldest VirtualService among equals. */
  private Optional<VirtualService> select(String serviceHost, List<Claim> claims) {
    List<Claim> covering =
        claims.stream()
            .filter(claim -> HostNames.covers(claim.host(), serviceHost))
            .sorted(
                Comparator.comparing((Claim claim) -> !claim.host().equals(serviceHost))
                    .thenComparing(claim -> -claim.host().length()))
            .toList();
    if (covering.isEmpty()) {
      return Optional.empty();
    }
    Claim winner = covering.get(0);
    covering.stream()
        .filter(claim -> claim.host().equals(winner.host()) && claim.vs() != winner.vs())
        .forEach(
            claim ->
                diagnostics.warning(
                    ResourceId.of(claim.vs()),
                    "host "
                        + claim.host()
                        + " on mesh is already routed by "
                        + ResourceId.of(winner.vs())
                        + " (the oldest wins); ignored for this host"));
    return Optional.of(winner.vs());
  }
}
