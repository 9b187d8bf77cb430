package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.L4Match;
import io.canarymesh.mesh.model.L4Route;
import io.canarymesh.mesh.model.RouteAction;
import io.canarymesh.mesh.model.WeightedDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.L4MatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSMatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A VirtualService's {@code tls} or {@code tcp} routes, compiled for one listener (a gateway's, or
 * a mesh listener of a TCP/TLS service port), in order. As for HTTP routes, a match entry naming
 * other gateways, another port, or source labels the gateway does not have drops out here. A {@code
 * tls} entry keeps only the SNI hosts the listener's servers admit (narrowed to the more specific
 * name: {@code *.example.com} on a server for {@code a.example.com} becomes {@code a.example.com});
 * an entry left with none drops out. A route that cannot be compiled is skipped with a warning
 * naming its field; the others are kept.
 */
final class L4RouteCompiler {
  private final ClusterSet clusters;
  private final Diagnostics diagnostics;

  L4RouteCompiler(ClusterSet clusters, Diagnostics diagnostics) {
    this.clusters = clusters;
    this.diagnostics = diagnostics;
  }

  /** {@code vs}'s {@code tls} routes, restricted to SNI hosts within {@code admittedHosts}. */
  List<L4Route> tls(VirtualService vs, ListenerContext listener, Set<String> admittedHosts) {
    ResourceId id = ResourceId.of(vs);
    List<TLSRoute> tls = Objects.requireNonNullElse(vs.getSpec().getTls(), List.of());
    List<L4Route> routes = new ArrayList<>();
    for (int i = 0; i < tls.size(); i++) {
      TLSRoute route = tls.get(i);
      if (route == null) {
        continue;
      }
      List<L4Match> matches = new ArrayList<>();
      for (TLSMatchAttributes match :
          Objects.requireNonNullElse(route.getMatch(), List.<TLSMatchAttributes>of())) {
        if (match != null
            && bound(match.getGateways(), match.getPort(), match.getSourceLabels(), id, listener)) {
          List<String> sni = admittedSni(match.getSniHosts(), admittedHosts);
          if (!sni.isEmpty()) {
            matches.add(new L4Match(sni, subnets(match.getDestinationSubnets())));
          }
        }
      }
      route(id, "spec.tls[" + i + "]", "tls[" + i + "]", matches, route.getRoute(), listener)
          .ifPresent(routes::add);
    }
    return routes;
  }

  /** {@code vs}'s {@code tcp} routes; a route without {@code match} takes every connection. */
  List<L4Route> tcp(VirtualService vs, ListenerContext listener) {
    ResourceId id = ResourceId.of(vs);
    List<TCPRoute> tcp = Objects.requireNonNullElse(vs.getSpec().getTcp(), List.of());
    List<L4Route> routes = new ArrayList<>();
    for (int i = 0; i < tcp.size(); i++) {
      TCPRoute route = tcp.get(i);
      if (route == null) {
        continue;
      }
      List<L4MatchAttributes> entries =
          Objects.requireNonNullElse(route.getMatch(), List.<L4MatchAttributes>of());
      List<L4Match> matches = new ArrayList<>();
      if (entries.isEmpty()) {
        matches.add(L4Match.any());
      }
      for (L4MatchAttributes match : entries) {
        if (match != null
            && bound(match.getGateways(), match.getPort(), match.getSourceLabels(), id, listener)) {
          matches.add(new L4Match(List.of(), subnets(match.getDestinationSubnets())));
        }
      }
      route(id, "spec.tcp[" + i + "]", "tcp[" + i + "]", matches, route.getRoute(), listener)
          .ifPresent(routes::add);
    }
    return routes;
  }

  private Optional<L4Route> route(
      ResourceId vs,
      String field,
      String name,
      List<L4Match> matches,
      List<RouteDestination> route,
      ListenerContext listener) {
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    List<RouteDestination> weighted = Objects.requireNonNullElse(route, List.of());
    List<WeightedDestination> destinations = new ArrayList<>();
    for (int i = 0; i < weighted.size(); i++) {
      RouteDestination destination = weighted.get(i);
      if (destination == null || destination.getDestination() == null) {
        continue;
      }
      int weight = HttpRouteCompiler.weight(destination.getWeight(), weighted.size());
      if (weight < 0) {
        diagnostics.warning(
            vs,
            field
                + ".route["
                + i
                + "].weight: Invalid value: "
                + weight
                + ": must not be negative"
                + "; route skipped");
        return Optional.empty();
      }
      String at = field + ".route[" + i + "].destination";
      destinations.add(
          WeightedDestination.of(cluster(vs, destination.getDestination(), at, listener), weight));
    }
    if (destinations.stream().mapToLong(WeightedDestination::weight).sum() <= 0) {
      diagnostics.warning(
          vs,
          field + ".route: Required value: a destination with a positive weight; route skipped");
      return Optional.empty();
    }
    return Optional.of(
        new L4Route(vs + " " + name, matches, new RouteAction.Forward(destinations)));
  }

  /**
   * Whether a match entry can select connections on this listener: its gateways include one of the
   * listener's, its port is the listener's, and the gateway has its source labels.
   */
  private static boolean bound(
      List<String> gateways,
      Long port,
      Map<String, String> sourceLabels,
      ResourceId vs,
      ListenerContext listener) {
    List<String> named =
        Objects.requireNonNullElse(gateways, List.<String>of()).stream()
            .filter(Objects::nonNull)
            .map(ref -> GatewayRefs.resolve(ref, vs.namespace()))
            .toList();
    if (!named.isEmpty() && named.stream().noneMatch(listener.gateways()::contains)) {
      return false;
    }
    if (port != null && port != 0 && port != listener.port()) {
      return false;
    }
    Map<String, String> labels = Objects.requireNonNullElse(sourceLabels, Map.of());
    // on mesh a connection is not matched by its caller's labels (yet): such an entry is left out,
    // so those callers take the later routes and the service's default
    return listener.gateway().map(gateway -> gateway.selectedBy(labels)).orElse(labels.isEmpty());
  }

  /**
   * Each SNI host narrowed by the admitted hosts it overlaps. Example: {@code *.example.com}
   * against admitted {@code [a.example.com, b.other.org]} gives {@code [a.example.com]}.
   */
  static List<String> admittedSni(List<String> sniHosts, Set<String> admittedHosts) {
    Set<String> admitted = new LinkedHashSet<>();
    for (String sni : Objects.requireNonNullElse(sniHosts, List.<String>of())) {
      if (sni == null || sni.isEmpty()) {
        continue;
      }
      for (String host : admittedHosts) {
        HostNames.intersection(sni, host).ifPresent(admitted::add);
      }
    }
    return List.copyOf(admitted);
  }

  private static List<String> subnets(List<String> subnets) {
    return Objects.requireNonNullElse(subnets, List.<String>of()).stream()
        .filter(subnet -> subnet != null && !subnet.isBlank())
        .toList();
  }

  /** As for HTTP: on mesh a destination without a port takes the port connected to. */
  private String cluster(
      ResourceId vs, Destination destination, String field, ListenerContext listener) {
    return clusters.resolve(vs, destination, field, listener);
  }
}
