package io.canarymesh.mesh.compiler;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.RouteTable;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compiles Istio and Kubernetes resources into a {@link RouteTable}: a pure function, the same
 * inputs always giving the same table and diagnostics. A bad or dangling resource never stops the
 * rest: an invalid one is skipped, a route to a missing subset, host or port answers 503, a missing
 * gateway leaves the VirtualService off that gateway — each reported in {@link
 * CompileResult#diagnostics()}.
 */
public final class MeshCompiler {
  private MeshCompiler() {}

  public static CompileResult compile(MeshInputs inputs) {
    requireNonNull(inputs, "inputs");
    Diagnostics diagnostics = new Diagnostics();
    ValidResources valid = ValidResources.of(inputs, diagnostics);
    List<MeshService> services = services(inputs, valid, diagnostics);
    ClusterSet clusters =
        ClusterSet.build(
            services, DestinationRuleIndex.of(valid.destinationRules(), diagnostics), diagnostics);
    HttpRouteCompiler routes = new HttpRouteCompiler(clusters, diagnostics);
    reportMissingGateways(valid, diagnostics);
    List<Listener> listeners = new ArrayList<>();
    L4RouteCompiler l4Routes = new L4RouteCompiler(clusters, diagnostics);
    listeners.addAll(
        new GatewayListenerCompiler(
                inputs.ingressGateway(),
                new GatewayCredentials(inputs.ingressGateway().namespace(), inputs.secrets()),
                routes,
                l4Routes,
                diagnostics)
            .compile(valid.gateways(), valid.virtualServices()));
    listeners.addAll(
        new MeshListenerCompiler(clusters, routes, l4Routes, diagnostics)
            .compile(services, valid.virtualServices()));
    RouteTable table =
        new RouteTable(
            inputs.version(),
            listeners,
            clusters.all(),
            ClientWorkloads.collect(inputs.pods(), valid.workloadEntries()));
    return new CompileResult(table, diagnostics.list());
  }

  /** Kubernetes Services first: a ServiceEntry cannot take over a Service's host. */
  private static List<MeshService> services(
      MeshInputs inputs, ValidResources valid, Diagnostics diagnostics) {
    return Stream.concat(
            KubernetesServices.collect(
                inputs.services(), inputs.endpoints(), inputs.podLabels(), diagnostics)
                .stream(),
            ServiceEntries.collect(valid.serviceEntries(), valid.workloadEntries(), diagnostics)
                .stream())
        .toList();
  }

  private static void reportMissingGateways(ValidResources valid, Diagnostics diagnostics) {
    Set<String> known =
        valid.gateways().stream()
            .map(gateway -> ResourceId.of(gateway).namespacedName())
            .collect(Collectors.toSet());
    for (VirtualService vs : valid.virtualServices()) {
      ResourceId id = ResourceId.of(vs);
      GatewayRefs.bindings(vs.getSpec().getGateways(), id.namespace()).stream()
          .filter(ref -> !ref.equals(Listener.MESH) && !known.contains(ref))
          .forEach(
              ref ->
                  diagnostics.warning(
                      id, "spec.gateways: gateway " + ref + " not found; not served there"));
    }
  }
}
