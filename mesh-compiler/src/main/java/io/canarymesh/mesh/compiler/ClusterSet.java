package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.Cluster;
import io.canarymesh.mesh.model.Cluster.Availability;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The clusters of a compilation: for every service port, one for the whole service ({@code
 * outbound|19090||micro-api.default.svc.cluster.local}) and one per DestinationRule subset ({@code
 * outbound|19090|v1|...}), with the merged traffic policy; plus, added as routes name them, the
 * clusters that only answer 503 because the route named an unknown host, port or subset.
 */
final class ClusterSet {
  private final Map<String, MeshService> servicesByHost;
  private final DestinationRuleIndex rules;
  private final Diagnostics diagnostics;
  private final Map<String, Cluster> clusters = new TreeMap<>();

  private ClusterSet(
      Map<String, MeshService> servicesByHost,
      DestinationRuleIndex rules,
      Diagnostics diagnostics) {
    this.servicesByHost = servicesByHost;
    this.rules = rules;
    this.diagnostics = diagnostics;
  }

  /** A destination as a route names it. */
  record Destination(String host, Optional<String> subset, OptionalInt port) {}

  static ClusterSet build(
      List<MeshService> services, DestinationRuleIndex rules, Diagnostics diagnostics) {
    Map<String, MeshService> byHost = new HashMap<>();
    for (MeshService service : services) {
      MeshService existing = byHost.putIfAbsent(service.host(), service);
      if (existing != null) {
        diagnostics.warning(
            service.source(),
            "host "
                + service.host()
                + " is already declared by "
                + existing.source()
                + "; ignored");
      }
    }
    ClusterSet set = new ClusterSet(byHost, rules, diagnostics);
    byHost.values().forEach(set::addServiceClusters);
    return set;
  }

  Optional<MeshService> service(String host) {
    return Optional.ofNullable(servicesByHost.get(host));
  }

  List<Cluster> all() {
    return List.copyOf(clusters.values());
  }

  private void addServiceClusters(MeshService service) {
    Optional<DestinationRuleIndex.Rule> rule = rules.forHost(service.host());
    for (MeshService.Port port : service.ports()) {
      add(
          service,
          port,
          Optional.empty(),
          Map.of(),
          rule.flatMap(r -> r.trafficPolicy()),
          Optional.empty());
      for (Subset subset : rule.map(DestinationRuleIndex.Rule::subsets).orElse(List.of())) {
        add(
            service,
            port,
            Optional.of(subset.getName()),
            Objects.requireNonNullElse(subset.getLabels(), Map.of()),
            rule.flatMap(r -> r.trafficPolicy()),
            Optional.ofNullable(subset.getTrafficPolicy()));
      }
    }
  }

  private void add(
      MeshService service,
      MeshService.Port servicePort,
      Optional<String> subset,
      Map<String, String> selector,
      Optional<io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy> topLevel,
      Optional<io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy> subsetLevel) {
    int port = servicePort.number();
    EffectivePolicy effective = EffectivePolicy.of(topLevel, subsetLevel, port);
    ClusterPolicy policy = ClusterPolicy.of(effective);
    Cluster cluster =
        new Cluster(
            Cluster.nameOf(port, subset, service.host()),
            service.host(),
            port,
            subset,
            Availability.SERVING,
            service.endpoints(port, selector),
            policy.lbPolicy(),
            policy.limits(),
            policy.outlierDetection(),
            policy.connectTimeout(),
            UpstreamProtocols.of(servicePort.protocol(), effective.connectionPool()));
    clusters.put(cluster.name(), cluster);
    for (String warning : policy.warnings()) {
      diagnostics.warning(
          rules.forHost(service.host()).map(DestinationRuleIndex.Rule::id).orElse(service.source()),
          "trafficPolicy." + warning);
    }
    if (subset.isPresent() && cluster.readyEndpoints().isEmpty()) {
      diagnostics.info(
          rules.forHost(service.host()).map(DestinationRuleIndex.Rule::id).orElse(service.source()),
          "subset \""
              + subset.get()
              + "\" of "
              + service.host()
              + " port "
              + port
              + " has no ready endpoint; requests get 503 (UH)");
    }
  }

  /**
   * The cluster a VirtualService destination ({@code http}, {@code tls} or {@code tcp} route,
   * mirror) names, its short host resolved in the VirtualService's namespace; on a mesh listener a
   * destination without a port takes the port connected to, on a gateway the service's only port.
   */
  String resolve(
      ResourceId vs,
      io.fabric8.istio.api.api.networking.v1alpha3.Destination destination,
      String field,
      ListenerContext listener) {
    OptionalInt port =
        destination.getPort() == null || destination.getPort().getNumber() == null
            ? OptionalInt.empty()
            : OptionalInt.of(destination.getPort().getNumber().intValue());
    return resolve(
        new Destination(
            HostNames.resolve(destination.getHost(), vs.namespace()),
            Optional.ofNullable(destination.getSubset()).filter(s -> !s.isEmpty()),
            port),
        listener.gateway().isPresent() ? OptionalInt.empty() : OptionalInt.of(listener.port()),
        vs,
        field);
  }

  /**
   * The cluster a route destination names. A destination that names no port takes the service's
   * only port, or else the port the request arrived on ({@code listenerPort}, mesh listeners).
   * Unknown hosts, ports and subsets get a cluster that answers 503, and a warning on {@code
   * origin} at {@code field}.
   */
  String resolve(
      Destination destination, OptionalInt listenerPort, ResourceId origin, String field) {
    Optional<MeshService> service = service(destination.host());
    if (service.isEmpty()) {
      diagnostics.warning(
          origin,
          field
              + ".host: no Service or ServiceEntry declares host "
              + destination.host()
              + "; requests get 503");
      return unavailable(destination.port().orElse(0), destination, Availability.NO_SUCH_HOST);
    }
    OptionalInt port = portOf(service.get(), destination.port(), listenerPort);
    if (port.isEmpty() || service.get().port(port.getAsInt()).isEmpty()) {
      diagnostics.warning(
          origin,
          field
              + ".port: "
              + describePort(destination.port())
              + " of host "
              + destination.host()
              + " does not name one of its ports "
              + portNumbers(service.get())
              + "; requests get 503");
      return unavailable(destination.port().orElse(0), destination, Availability.NO_SUCH_PORT);
    }
    String name = Cluster.nameOf(port.getAsInt(), destination.subset(), destination.host());
    if (destination.subset().isPresent() && !clusters.containsKey(name)) {
      diagnostics.warning(
          origin,
          field
              + ".subset: subset \""
              + destination.subset().get()
              + "\" is not defined by "
              + rules
                  .forHost(destination.host())
                  .map(r -> r.id().toString())
                  .orElse("any DestinationRule")
              + " for host "
              + destination.host()
              + "; requests get 503 (no such subset)");
      return unavailable(port.getAsInt(), destination, Availability.NO_SUCH_SUBSET);
    }
    return name;
  }

  private static OptionalInt portOf(
      MeshService service, OptionalInt given, OptionalInt listenerPort) {
    if (given.isPresent()) {
      return given;
    }
    if (service.ports().size() == 1) {
      return OptionalInt.of(service.ports().get(0).number());
    }
    if (listenerPort.isPresent() && service.port(listenerPort.getAsInt()).isPresent()) {
      return listenerPort;
    }
    return OptionalInt.empty();
  }

  private String unavailable(int port, Destination destination, Availability availability) {
    Cluster cluster =
        Cluster.unavailable(port, destination.subset(), destination.host(), availability);
    clusters.putIfAbsent(cluster.name(), cluster);
    return cluster.name();
  }

  private static String describePort(OptionalInt port) {
    return port.isPresent() ? "port " + port.getAsInt() : "no port given";
  }

  private static List<Integer> portNumbers(MeshService service) {
    List<Integer> numbers = new ArrayList<>();
    service.ports().forEach(p -> numbers.add(p.number()));
    return numbers;
  }
}
