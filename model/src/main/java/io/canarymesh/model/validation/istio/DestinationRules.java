package io.canarymesh.model.validation.istio;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination;
import java.util.List;

/**
 * Weighted destinations of HTTP, TCP and TLS routes. Weights are relative (a destination gets
 * weight / sum): they need not add up to 100, and a lone destination gets everything whatever its
 * weight. As in Istio, a weight may not be negative, and two or more destinations may not all weigh
 * 0 ({@code total destination weight = 0}): such a route could send nowhere. Example: weights 0 and
 * 100 are valid (the article's step 7), 0 and 0 are not, a single destination with weight 0 is.
 */
final class DestinationRules {
  private DestinationRules() {}

  static void checkHttp(List<HTTPRouteDestination> route, FieldPath path, List<FieldError> errors) {
    long total = 0;
    for (int i = 0; i < route.size(); i++) {
      HTTPRouteDestination weighted = route.get(i);
      FieldPath at = path.index(i);
      if (weighted == null) {
        errors.add(FieldError.required(at, "weight may not be nil"));
        continue;
      }
      checkRequiredDestination(weighted.getDestination(), at.child("destination"), errors);
      HeaderRules.checkOperations(weighted.getHeaders(), at.child("headers"), errors);
      total += checkWeight(weighted.getWeight(), at.child("weight"), errors);
    }
    checkTotal(route.size(), total, path, errors);
  }

  static void checkL4(List<RouteDestination> route, FieldPath path, List<FieldError> errors) {
    long total = 0;
    for (int i = 0; i < route.size(); i++) {
      RouteDestination weighted = route.get(i);
      FieldPath at = path.index(i);
      if (weighted == null) {
        errors.add(FieldError.required(at, "weight may not be nil"));
        continue;
      }
      checkRequiredDestination(weighted.getDestination(), at.child("destination"), errors);
      total += checkWeight(weighted.getWeight(), at.child("weight"), errors);
    }
    checkTotal(route.size(), total, path, errors);
  }

  static void checkRequiredDestination(
      Destination destination, FieldPath path, List<FieldError> errors) {
    if (destination == null) {
      errors.add(FieldError.required(path, "destination is required"));
    } else {
      check(destination, path, errors);
    }
  }

  /** A destination: host (not {@code *}), optional subset (a DNS label) and optional port. */
  static void check(Destination destination, FieldPath path, List<FieldError> errors) {
    String host = destination.getHost() == null ? "" : destination.getHost();
    FieldPath hostPath = path.child("host");
    if (host.isEmpty()) {
      errors.add(FieldError.required(hostPath, ""));
    } else if (host.equals("*")) {
      errors.add(FieldError.invalid(hostPath, host, "invalid destination host *"));
    } else {
      HostSyntax.checkWildcardDomain(host)
          .ifPresent(problem -> errors.add(FieldError.invalid(hostPath, host, problem)));
    }
    if (destination.getSubset() != null) {
      checkSubsetName(destination.getSubset(), path.child("subset"), errors);
    }
    if (destination.getPort() != null) {
      PortRules.checkNumber(
          destination.getPort().getNumber(), path.child("port").child("number"), errors);
    }
  }

  /** A subset name, in a destination or a DestinationRule: a DNS label as Istio sees it. */
  static void checkSubsetName(String name, FieldPath path, List<FieldError> errors) {
    if (name.isEmpty()) {
      errors.add(FieldError.required(path, "subset name cannot be empty"));
    } else if (!HostSyntax.isDns1123Label(name)) {
      errors.add(FieldError.invalid(path, name, "subset name is invalid: " + name));
    }
  }

  private static int checkWeight(Integer weight, FieldPath path, List<FieldError> errors) {
    int value = weight == null ? 0 : weight;
    if (value < 0) {
      errors.add(FieldError.invalid(path, value, "weight " + value + " < 0"));
      return 0;
    }
    return value;
  }

  private static void checkTotal(int count, long total, FieldPath path, List<FieldError> errors) {
    if (count > 1 && total == 0) {
      errors.add(FieldError.invalid(path, total, "total destination weight = 0"));
    }
  }
}
