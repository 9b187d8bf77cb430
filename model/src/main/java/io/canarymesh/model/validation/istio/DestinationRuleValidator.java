package io.canarymesh.model.validation.istio;

import static io.canarymesh.model.validation.istio.HttpRouteValidator.list;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.canarymesh.model.validation.Names;
import io.fabric8.istio.api.api.networking.v1alpha3.DestinationRule;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A DestinationRule spec ({@code ValidateDestinationRule} in Istio): its host, its traffic policy,
 * and its subsets — unique names that are DNS labels, valid labels, their own traffic policies.
 */
final class DestinationRuleValidator {
  private DestinationRuleValidator() {}

  static void check(DestinationRule spec, FieldPath path, List<FieldError> errors) {
    String host = spec.getHost() == null ? "" : spec.getHost();
    if (host.isEmpty()) {
      errors.add(FieldError.required(path.child("host"), ""));
    } else {
      HostSyntax.checkWildcardDomain(host)
          .ifPresent(problem -> errors.add(FieldError.invalid(path.child("host"), host, problem)));
    }
    TrafficPolicyValidator.check(spec.getTrafficPolicy(), path.child("trafficPolicy"), errors);
    checkSubsets(list(spec.getSubsets()), path.child("subsets"), errors);
    if (spec.getWorkloadSelector() != null) {
      errors.addAll(
          Names.validateLabels(
              spec.getWorkloadSelector().getMatchLabels(),
              path.child("workloadSelector").child("matchLabels")));
    }
  }

  private static void checkSubsets(List<Subset> subsets, FieldPath path, List<FieldError> errors) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < subsets.size(); i++) {
      Subset subset = subsets.get(i);
      FieldPath at = path.index(i);
      if (subset == null) {
        errors.add(FieldError.required(at, "subset may not be null"));
        continue;
      }
      String name = subset.getName() == null ? "" : subset.getName();
      if (!seen.add(name)) {
        errors.add(
            new FieldError(
                FieldError.Type.DUPLICATE,
                at.child("name"),
                name,
                "duplicate subset names: " + name));
      }
      DestinationRules.checkSubsetName(name, at.child("name"), errors);
      errors.addAll(Names.validateLabels(subset.getLabels(), at.child("labels")));
      TrafficPolicyValidator.check(subset.getTrafficPolicy(), at.child("trafficPolicy"), errors);
    }
  }
}
