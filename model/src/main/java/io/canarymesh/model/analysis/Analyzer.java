package io.canarymesh.model.analysis;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cross-resource analysis like {@code istioctl analyze}. Each check looks at one resource against
 * the whole set; a check that fails on a malformed resource reports an internal error ({@code
 * IST0001}) for that resource instead of throwing, and everything else is still analyzed. Resources
 * without a namespace are in {@code default}. Findings come in a fixed order: by check, then in the
 * order the resources were given.
 */
public final class Analyzer {
  private Analyzer() {}

  /** The findings for {@code resources}; empty when everything they reference is there. */
  public static List<Finding> analyze(List<? extends HasMetadata> resources) {
    requireNonNull(resources, "resources");
    MeshInventory inventory = new MeshInventory(resources);
    List<Finding> findings = new ArrayList<>();
    each(
        inventory.virtualServices,
        vs -> GatewayReferenceCheck.check(inventory, vs, findings::add),
        findings);
    each(
        inventory.virtualServices,
        vs -> DestinationReferenceCheck.check(inventory, vs, findings::add),
        findings);
    each(
        inventory.destinationRules,
        dr -> DestinationRuleCheck.check(inventory, dr, findings::add),
        findings);
    each(
        inventory.services, svc -> ServicePortCheck.check(inventory, svc, findings::add), findings);
    each(
        inventory.gateways,
        gw -> GatewaySelectorCheck.check(inventory, gw, findings::add),
        findings);
    return List.copyOf(findings);
  }

  /** Runs a check on each resource, turning a failure into a finding about that resource. */
  private static <T extends HasMetadata> void each(
      List<T> resources, Consumer<T> check, List<Finding> findings) {
    for (T resource : resources) {
      try {
        check.accept(resource);
      } catch (RuntimeException e) {
        findings.add(
            MessageType.INTERNAL_ERROR.finding(MeshInventory.ref(resource), String.valueOf(e)));
      }
    }
  }
}
