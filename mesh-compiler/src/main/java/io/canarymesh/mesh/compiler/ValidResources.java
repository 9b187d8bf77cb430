package io.canarymesh.mesh.compiler;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.istio.IstioValidator;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.WorkloadEntry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.function.Function;

/**
 * The Istio resources that pass Istio's validation, oldest first. Each invalid one is skipped with
 * one error per problem, in Kubernetes wording ({@code spec.http[0].route[0].weight: Invalid value:
 * -1: weight -1 < 0}); so is one without a spec.
 */
record ValidResources(
    List<Gateway> gateways,
    List<VirtualService> virtualServices,
    List<DestinationRule> destinationRules,
    List<ServiceEntry> serviceEntries,
    List<WorkloadEntry> workloadEntries) {

  static ValidResources of(MeshInputs inputs, Diagnostics diagnostics) {
    return new ValidResources(
        valid(inputs.gateways(), Gateway::getSpec, diagnostics),
        valid(inputs.virtualServices(), VirtualService::getSpec, diagnostics),
        valid(inputs.destinationRules(), DestinationRule::getSpec, diagnostics),
        valid(inputs.serviceEntries(), ServiceEntry::getSpec, diagnostics),
        valid(inputs.workloadEntries(), WorkloadEntry::getSpec, diagnostics));
  }

  private static <T extends HasMetadata> List<T> valid(
      List<T> resources, Function<T, Object> spec, Diagnostics diagnostics) {
    return resources.stream()
        .filter(resource -> isValid(resource, spec.apply(resource), diagnostics))
        .sorted(ResourceId.ISTIO_ORDER)
        .toList();
  }

  private static boolean isValid(HasMetadata resource, Object spec, Diagnostics diagnostics) {
    ResourceId id = ResourceId.of(resource);
    if (spec == null) {
      diagnostics.error(id, "spec: Required value (resource skipped)");
      return false;
    }
    List<FieldError> errors = IstioValidator.validate(resource);
    errors.forEach(error -> diagnostics.error(id, error.message() + " (resource skipped)"));
    return errors.isEmpty();
  }
}
