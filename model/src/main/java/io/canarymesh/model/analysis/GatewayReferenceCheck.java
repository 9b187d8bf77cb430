package io.canarymesh.model.analysis;

import static io.canarymesh.model.analysis.MeshInventory.namespace;
import static io.canarymesh.model.analysis.MeshInventory.ref;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.L4MatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSMatchAttributes;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * VirtualServices naming a Gateway that does not exist ({@code IST0101}). A reference is {@code
 * mesh} (always there), {@code name} (in the VirtualService's namespace), {@code namespace/name},
 * or the legacy {@code name.namespace[.svc.cluster.local]}.
 */
final class GatewayReferenceCheck {
  private GatewayReferenceCheck() {}

  static void check(MeshInventory inventory, VirtualService vs, Consumer<Finding> findings) {
    String namespace = namespace(vs);
    for (String reference : references(vs)) {
      if (!exists(inventory, reference, namespace)) {
        findings.accept(
            MessageType.REFERENCED_RESOURCE_NOT_FOUND.finding(ref(vs), "gateway", reference));
      }
    }
  }

  private static boolean exists(MeshInventory inventory, String reference, String namespace) {
    if (reference.equals("mesh")) {
      return true;
    }
    int slash = reference.indexOf('/');
    if (slash >= 0) {
      return inventory.hasGateway(reference.substring(0, slash), reference.substring(slash + 1));
    }
    String[] labels = reference.split("\\.");
    return labels.length > 1
        ? inventory.hasGateway(labels[1], labels[0])
        : inventory.hasGateway(namespace, reference);
  }

  /** Every gateway the VirtualService names, at the top and in its route matches, once each. */
  private static Set<String> references(VirtualService vs) {
    Set<String> references = new LinkedHashSet<>();
    if (vs.getSpec() == null) {
      return references;
    }
    addAll(references, vs.getSpec().getGateways());
    for (HTTPRoute route : list(vs.getSpec().getHttp())) {
      for (HTTPMatchRequest match : list(route == null ? null : route.getMatch())) {
        addAll(references, match == null ? null : match.getGateways());
      }
    }
    for (TCPRoute route : list(vs.getSpec().getTcp())) {
      for (L4MatchAttributes match : list(route == null ? null : route.getMatch())) {
        addAll(references, match == null ? null : match.getGateways());
      }
    }
    for (TLSRoute route : list(vs.getSpec().getTls())) {
      for (TLSMatchAttributes match : list(route == null ? null : route.getMatch())) {
        addAll(references, match == null ? null : match.getGateways());
      }
    }
    return references;
  }

  private static void addAll(Set<String> references, List<String> gateways) {
    list(gateways).stream().filter(Objects::nonNull).forEach(references::add);
  }

  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : value;
  }
}
