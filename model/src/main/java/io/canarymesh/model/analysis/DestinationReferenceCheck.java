package io.canarymesh.model.analysis;

import static io.canarymesh.model.analysis.GatewayReferenceCheck.list;
import static io.canarymesh.model.analysis.MeshInventory.namespace;
import static io.canarymesh.model.analysis.MeshInventory.ref;

import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * VirtualService destinations (routes and mirrors) whose host matches no Service or ServiceEntry,
 * or whose subset no DestinationRule for that host defines (both {@code IST0101}). Example: a route
 * to {@code micro-api} subset {@code v3} in {@code default}, with a DestinationRule defining only
 * v1 and v2, gives {@code Referenced host+subset in destinationrule not found:
 * "micro-api.default.svc.cluster.local+v3"}.
 */
final class DestinationReferenceCheck {
  private DestinationReferenceCheck() {}

  static void check(MeshInventory inventory, VirtualService vs, Consumer<Finding> findings) {
    String namespace = namespace(vs);
    Set<String> reported = new LinkedHashSet<>();
    for (Destination destination : destinations(vs)) {
      String host = destination.getHost();
      if (host == null || host.isEmpty()) {
        continue;
      }
      List<String> candidates = Hosts.candidates(host, namespace);
      String fqdn = candidates.get(0);
      if (!inventory.isKnownHost(candidates) && reported.add(fqdn)) {
        findings.accept(MessageType.REFERENCED_RESOURCE_NOT_FOUND.finding(ref(vs), "host", fqdn));
      }
      String subset = destination.getSubset();
      if (subset != null
          && !subset.isEmpty()
          && !subsetDefined(inventory, candidates, subset)
          && reported.add(fqdn + "+" + subset)) {
        findings.accept(
            MessageType.REFERENCED_RESOURCE_NOT_FOUND.finding(
                ref(vs), "host+subset in destinationrule", fqdn + "+" + subset));
      }
    }
  }

  /** Whether a DestinationRule whose host covers the destination defines the subset. */
  private static boolean subsetDefined(
      MeshInventory inventory, List<String> destinationHost, String subset) {
    for (DestinationRule dr : inventory.destinationRules) {
      if (dr.getSpec() == null || dr.getSpec().getHost() == null) {
        continue;
      }
      List<String> ruleHost = Hosts.candidates(dr.getSpec().getHost(), namespace(dr));
      if (Hosts.anyOverlap(ruleHost, destinationHost)
          && list(dr.getSpec().getSubsets()).stream()
              .anyMatch(s -> s != null && subset.equals(s.getName()))) {
        return true;
      }
    }
    return false;
  }

  private static List<Destination> destinations(VirtualService vs) {
    List<Destination> destinations = new ArrayList<>();
    if (vs.getSpec() == null) {
      return destinations;
    }
    for (HTTPRoute route : list(vs.getSpec().getHttp())) {
      if (route == null) {
        continue;
      }
      for (HTTPRouteDestination weighted : list(route.getRoute())) {
        add(destinations, weighted == null ? null : weighted.getDestination());
      }
      add(destinations, route.getMirror());
      for (HTTPMirrorPolicy mirror : list(route.getMirrors())) {
        add(destinations, mirror == null ? null : mirror.getDestination());
      }
    }
    for (TCPRoute route : list(vs.getSpec().getTcp())) {
      for (RouteDestination weighted : list(route == null ? null : route.getRoute())) {
        add(destinations, weighted == null ? null : weighted.getDestination());
      }
    }
    for (TLSRoute route : list(vs.getSpec().getTls())) {
      for (RouteDestination weighted : list(route == null ? null : route.getRoute())) {
        add(destinations, weighted == null ? null : weighted.getDestination());
      }
    }
    return destinations;
  }

  private static void add(List<Destination> destinations, Destination destination) {
    if (destination != null) {
      destinations.add(destination);
    }
  }
}
