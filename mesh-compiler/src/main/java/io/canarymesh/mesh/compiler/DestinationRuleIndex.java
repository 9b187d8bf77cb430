package io.canarymesh.mesh.compiler;

import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which DestinationRule applies to a service host: the one naming the host exactly, else the most
 * specific wildcard covering it. Of two rules for the same host the oldest applies and the other is
 * reported — Istio merges their subsets instead (a deliberate simplification).
 */
final class DestinationRuleIndex {
  /** A DestinationRule with its host resolved in its namespace. */
  record Rule(
      ResourceId id, String host, Optional<TrafficPolicy> trafficPolicy, List<Subset> subsets) {
    Rule {
      subsets = List.copyOf(subsets);
    }
  }

  private final Map<String, Rule> byHost;

  private DestinationRuleIndex(Map<String, Rule> byHost) {
    this.byHost = byHost;
  }

  /** Indexes {@code rules}, given oldest first. */
  static DestinationRuleIndex of(List<DestinationRule> rules, Diagnostics diagnostics) {
    Map<String, Rule> byHost = new LinkedHashMap<>();
    for (DestinationRule rule : rules) {
      ResourceId id = ResourceId.of(rule);
      var spec = rule.getSpec();
      if (spec.getWorkloadSelector() != null) {
        diagnostics.warning(id, "spec.workloadSelector is not supported; DestinationRule ignored");
        continue;
      }
      String host = HostNames.resolve(spec.getHost(), id.namespace());
      Rule existing = byHost.get(host);
      if (existing != null) {
        diagnostics.warning(
            id,
            "ignored: "
                + existing.id()
                + " already applies to host "
                + host
                + " (the oldest DestinationRule for a host wins)");
        continue;
      }
      byHost.put(
          host,
          new Rule(
              id,
              host,
              Optional.ofNullable(spec.getTrafficPolicy()),
              Objects.requireNonNullElse(spec.getSubsets(), List.<Subset>of()).stream()
                  .filter(Objects::nonNull)
                  .toList()));
    }
    return new DestinationRuleIndex(byHost);
  }

  /** The rule for {@code host}: exact first, then the longest wildcard covering it. */
  Optional<Rule> forHost(String host) {
    Rule exact = byHost.get(host);
    if (exact != null) {
      return Optional.of(exact);
    }
    return byHost.values().stream()
        .filter(rule -> HostNames.covers(rule.host(), host))
        .max(Comparator.comparingInt(rule -> rule.host().length()));
  }
}
