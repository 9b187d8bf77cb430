package io.canarymesh.model.analysis;

import static io.canarymesh.model.analysis.MeshInventory.labels;
import static io.canarymesh.model.analysis.MeshInventory.ref;

import io.fabric8.istio.api.networking.v1.Gateway;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Gateways whose selector picks no workload in any namespace ({@code IST0101}, {@code Referenced
 * selector not found: "istio=ingressgateway"}). The platform's own ingress gateway ({@code istio:
 * ingressgateway} in istio-system) always counts as present. An empty selector is not judged.
 */
final class GatewaySelectorCheck {
  private GatewaySelectorCheck() {}

  static void check(MeshInventory inventory, Gateway gateway, Consumer<Finding> findings) {
    Map<String, String> selector =
        gateway.getSpec() == null ? Map.of() : labels(gateway.getSpec().getSelector());
    if (!selector.isEmpty()
        && inventory.workloads.stream().noneMatch(w -> w.selectedBy(selector))) {
      findings.accept(
          MessageType.REFERENCED_RESOURCE_NOT_FOUND.finding(
              ref(gateway), "selector", selectorText(selector)));
    }
  }

  /** Kubernetes' selector text, keys sorted: {@code app=gw,istio=ingressgateway}. */
  private static String selectorText(Map<String, String> selector) {
    return new TreeMap<>(selector)
        .entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .collect(Collectors.joining(","));
  }
}
