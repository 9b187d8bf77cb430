package io.canarymesh.model.validation.istio;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.canarymesh.model.validation.Names;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import java.util.List;
import java.util.Map;

/**
 * One {@code http[]} route of a VirtualService ({@code validateHTTPRoute} in Istio): what it does
 * (exactly one of route, redirect, direct response, or a delegate), its matches, and each of its
 * policies.
 */
final class HttpRouteValidator {
  private HttpRouteValidator() {}

  /**
   * @param inDelegate the route belongs to a delegate VirtualService (one without hosts), which may
   *     not delegate further
   */
  static void check(HTTPRoute route, boolean inDelegate, FieldPath path, List<FieldError> errors) {
    checkAction(route, inDelegate, path, errors);
    checkMatches(list(route.getMatch()), path.child("match"), errors);
    HeaderRules.checkOperations(route.getHeaders(), path.child("headers"), errors);
    HttpPolicyRules.checkCors(route.getCorsPolicy(), path.child("corsPolicy"), errors);
    HttpPolicyRules.checkFault(route.getFault(), path.child("fault"), errors);
    checkMirrors(route, path, errors);
    HttpPolicyRules.checkRedirect(route.getRedirect(), path.child("redirect"), errors);
    HttpPolicyRules.checkDirectResponse(
        route.getDirectResponse(), path.child("directResponse"), errors);
    HttpPolicyRules.checkRetries(route.getRetries(), path.child("retries"), errors);
    HttpPolicyRules.checkRewrite(route.getRewrite(), path.child("rewrite"), errors);
    DestinationRules.checkHttp(list(route.getRoute()), path.child("route"), errors);
    DurationField.check(route.getTimeout(), path.child("timeout"), errors);
  }

  /**
   * Exactly one action. A root route (with {@code delegate}) hands its traffic to another
   * VirtualService and may carry neither route nor redirect; otherwise redirect and direct response
   * exclude route, fault and rewrite, and without either a route is required.
   */
  private static void checkAction(
      HTTPRoute route, boolean inDelegate, FieldPath path, List<FieldError> errors) {
    String name = route.getName() == null ? "" : route.getName();
    boolean hasRoute = !list(route.getRoute()).isEmpty();
    if (route.getDelegate() != null && !inDelegate) {
      if (route.getRedirect() != null) {
        errors.add(
            forbidden(path, "redirect", "root HTTP route " + name + " must not specify redirect"));
      }
      if (hasRoute) {
        errors.add(forbidden(path, "route", "root HTTP route " + name + " must not specify route"));
      }
      return;
    }
    if (route.getDelegate() != null) {
      errors.add(forbidden(path, "delegate", "delegate HTTP route cannot contain delegate"));
    }
    if (route.getRedirect() != null) {
      checkExcludes(route, hasRoute, "redirect", path, errors);
      if (route.getDirectResponse() != null) {
        errors.add(
            forbidden(
                path,
                "directResponse",
                "HTTP route rule cannot contain both direct_response and redirect"));
      }
    } else if (route.getDirectResponse() != null) {
      checkExcludes(route, hasRoute, "direct_response", path, errors);
    } else if (!hasRoute) {
      errors.add(
          FieldError.required(
              path.child("route"), "HTTP route, redirect or direct_response is required"));
    }
    if (route.getMirror() != null && !list(route.getMirrors()).isEmpty()) {
      errors.add(forbidden(path, "mirrors", "HTTP route cannot contain both mirror and mirrors"));
    }
  }

  private static void checkExcludes(
      HTTPRoute route, boolean hasRoute, String action, FieldPath path, List<FieldError> errors) {
    if (hasRoute) {
      errors.add(forbidden(path, "route", "HTTP route cannot contain both route and " + action));
    }
    if (route.getFault() != null) {
      errors.add(forbidden(path, "fault", "HTTP route cannot contain both fault and " + action));
    }
    if (route.getRewrite() != null) {
      errors.add(
          forbidden(path, "rewrite", "HTTP route rule cannot contain both rewrite and " + action));
    }
  }

  private static void checkMatches(
      List<HTTPMatchRequest> matches, FieldPath path, List<FieldError> errors) {
    for (int i = 0; i < matches.size(); i++) {
      HTTPMatchRequest match = matches.get(i);
      if (match != null) {
        checkMatch(match, path.index(i), errors);
      }
    }
  }

  private static void checkMatch(HTTPMatchRequest match, FieldPath path, List<FieldError> errors) {
    checkHeaderMatches(map(match.getHeaders()), "headers", path.child("headers"), errors);
    checkHeaderMatches(
        map(match.getWithoutHeaders()), "withoutHeaders", path.child("withoutHeaders"), errors);
    // Envoy allows an empty uri prefix (match everything) but not an empty scheme/method/authority.
    RegexRules.checkMatch(match.getUri(), "uri", true, path.child("uri"), errors);
    RegexRules.checkMatch(match.getScheme(), "scheme", false, path.child("scheme"), errors);
    RegexRules.checkMatch(match.getMethod(), "method", false, path.child("method"), errors);
    RegexRules.checkMatch(
        match.getAuthority(), "authority", false, path.child("authority"), errors);
    map(match.getQueryParams())
        .forEach(
            (name, value) ->
                RegexRules.checkMatch(
                    value, "queryParams", false, path.child("queryParams").key(name), errors));
    if (match.getPort() != null && match.getPort() != 0) {
      PortRules.checkNumber(match.getPort(), path.child("port"), errors);
    }
    errors.addAll(Names.validateLabels(match.getSourceLabels(), path.child("sourceLabels")));
    GatewayNames.check(list(match.getGateways()), path.child("gateways"), errors);
    String sourceNamespace = match.getSourceNamespace();
    if (sourceNamespace != null
        && !sourceNamespace.isEmpty()
        && !HostSyntax.isDns1123Label(sourceNamespace)) {
      errors.add(
          FieldError.invalid(
              path.child("sourceNamespace"),
              sourceNamespace,
              "sourceNamespace match " + sourceNamespace + " is invalid"));
    }
  }

  private static void checkHeaderMatches(
      Map<String, StringMatch> headers, String where, FieldPath path, List<FieldError> errors) {
    headers.forEach(
        (name, value) -> {
          HeaderRules.checkMatchName(name, path.key(name), errors);
          if (value == null) {
            errors.add(
                FieldError.required(path.key(name), "header match " + name + " cannot be null"));
          } else if (!(where.equals("withoutHeaders") && isPresenceRegex(value))) {
            RegexRules.checkMatch(value, where, false, path.key(name), errors);
          }
        });
  }

  /** {@code withoutHeaders: {x: {regex: "*"}}} means "header absent", not an RE2 expression. */
  private static boolean isPresenceRegex(StringMatch match) {
    return match.getMatchType() instanceof StringMatchRegex regex && "*".equals(regex.getRegex());
  }

  private static void checkMirrors(HTTPRoute route, FieldPath path, List<FieldError> errors) {
    Integer mirrorPercent = route.getMirrorPercent();
    if (mirrorPercent != null && mirrorPercent > 100) {
      errors.add(
          FieldError.invalid(
              path.child("mirrorPercent"),
              mirrorPercent,
              "mirror_percent must have a max value of 100 (it has " + mirrorPercent + ")"));
    }
    HttpPolicyRules.checkMirrorPercentage(
        route.getMirrorPercentage(), "mirror_percentage", path.child("mirrorPercentage"), errors);
    if (route.getMirror() != null) {
      DestinationRules.check(route.getMirror(), path.child("mirror"), errors);
    }
    List<HTTPMirrorPolicy> mirrors = list(route.getMirrors());
    for (int i = 0; i < mirrors.size(); i++) {
      FieldPath at = path.child("mirrors").index(i);
      HTTPMirrorPolicy mirror = mirrors.get(i);
      if (mirror == null || mirror.getDestination() == null) {
        errors.add(
            FieldError.required(at.child("destination"), "destination is required for mirrors"));
        continue;
      }
      DestinationRules.check(mirror.getDestination(), at.child("destination"), errors);
      HttpPolicyRules.checkMirrorPercentage(
          mirror.getPercentage(), "mirror percentage", at.child("percentage"), errors);
    }
  }

  private static FieldError forbidden(FieldPath path, String field, String detail) {
    return FieldError.forbidden(path.child(field), detail);
  }

  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : value;
  }

  static <K, V> Map<K, V> map(Map<K, V> value) {
    return value == null ? Map.of() : value;
  }
}
