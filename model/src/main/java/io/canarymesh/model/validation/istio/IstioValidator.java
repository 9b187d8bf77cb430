package io.canarymesh.model.validation.istio;

import static java.util.Objects.requireNonNull;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.WorkloadEntry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Validates the spec of an Istio networking resource as Istio's admission webhook does, collecting
 * every error with its field path: {@code spec.http[0].route[0].weight: Invalid value: -1: weight
 * -1 < 0}. Metadata is validated elsewhere. Istio's warnings (deprecated fields, for instance) are
 * not reported: they do not reject a resource.
 *
 * <p>A missing spec is validated as an empty one, as Istio decodes it.
 */
public final class IstioValidator {
  private static final FieldPath SPEC = FieldPath.of("spec");

  private IstioValidator() {}

  /** Every error in the object's spec; empty when valid or when the kind is not an Istio one. */
  public static List<FieldError> validate(HasMetadata object) {
    requireNonNull(object, "object");
    List<FieldError> errors = new ArrayList<>();
    switch (object) {
      case VirtualService vs ->
          VirtualServiceValidator.check(
              spec(vs.getSpec(), io.fabric8.istio.api.api.networking.v1alpha3.VirtualService::new),
              SPEC,
              errors);
      case DestinationRule dr ->
          DestinationRuleValidator.check(
              spec(dr.getSpec(), io.fabric8.istio.api.api.networking.v1alpha3.DestinationRule::new),
              SPEC,
              errors);
      case Gateway gateway ->
          GatewayValidator.check(
              spec(gateway.getSpec(), io.fabric8.istio.api.api.networking.v1alpha3.Gateway::new),
              SPEC,
              errors);
      case ServiceEntry se ->
          ServiceEntryValidator.check(
              spec(se.getSpec(), io.fabric8.istio.api.api.networking.v1alpha3.ServiceEntry::new),
              SPEC,
              errors);
      case WorkloadEntry we ->
          WorkloadEntryValidator.check(
              spec(we.getSpec(), io.fabric8.istio.api.api.networking.v1alpha3.WorkloadEntry::new),
              Optional.empty(),
              true,
              SPEC,
              errors);
      default -> {}
    }
    return List.copyOf(errors);
  }

  private static <T> T spec(T spec, Supplier<T> empty) {
    return Objects.requireNonNullElseGet(spec, empty);
  }
}
