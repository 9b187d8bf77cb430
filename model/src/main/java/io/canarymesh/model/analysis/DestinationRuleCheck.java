package io.canarymesh.model.analysis;

import static io.canarymesh.model.analysis.GatewayReferenceCheck.list;
import static io.canarymesh.model.analysis.MeshInventory.labels;
import static io.canarymesh.model.analysis.MeshInventory.namespace;
import static io.canarymesh.model.analysis.MeshInventory.ref;

import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * DestinationRules whose host matches no Service or ServiceEntry ({@code IST0174}), and subsets
 * that select none of the pods behind their host ({@code IST0173}). A subset's pods are the
 * Service's pods (its selector, in its namespace) that also carry all the subset's labels; only
 * hosts backed by Kubernetes Services are checked for subsets (ServiceEntry endpoints are not).
 */
final class DestinationRuleCheck {
  private DestinationRuleCheck() {}

  static void check(MeshInventory inventory, DestinationRule dr, Consumer<Finding> findings) {
    String host = dr.getSpec() == null ? null : dr.getSpec().getHost();
    if (host == null || host.isEmpty()) {
      return;
    }
    List<String> candidates = Hosts.candidates(host, namespace(dr));
    if (!inventory.isKnownHost(candidates)) {
      findings.accept(MessageType.UNKNOWN_DESTINATION_RULE_HOST.finding(ref(dr), host));
      return;
    }
    List<Service> services = inventory.servicesFor(candidates);
    for (Subset subset : list(dr.getSpec().getSubsets())) {
      if (subset != null
          && subset.getName() != null
          && !services.isEmpty()
          && !selectsAny(inventory, services, subset)) {
        findings.accept(
            MessageType.DESTINATION_RULE_SUBSET_NOT_SELECT_PODS.finding(ref(dr), subset.getName()));
      }
    }
  }

  private static boolean selectsAny(
      MeshInventory inventory, List<Service> services, Subset subset) {
    Map<String, String> subsetLabels = labels(subset.getLabels());
    return services.stream()
        .flatMap(service -> inventory.workloadsOf(service).stream())
        .anyMatch(workload -> workload.selectedBy(subsetLabels));
  }
}
