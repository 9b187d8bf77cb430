package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.HeaderOperations;
import io.canarymesh.mesh.model.Mirror;
import io.canarymesh.mesh.model.Route;
import io.canarymesh.mesh.model.RouteAction;
import io.canarymesh.mesh.model.RouteMatch;
import io.canarymesh.mesh.model.WeightedDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMirrorPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Headers;
import io.fabric8.istio.api.api.networking.v1alpha3.HeadersHeaderOperations;
import io.fabric8.istio.api.api.networking.v1alpha3.Percent;
import io.fabric8.istio.api.networking.v1.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * A VirtualService's {@code http} routes, compiled for one listener, in order. A route whose match
 * entries all belong to other gateways or ports is left out of this listener; a route that cannot
 * be compiled is left out everywhere, with a warning; a route to an unknown subset is kept and
 * answers 503.
 */
final class HttpRouteCompiler {
  private final ClusterSet clusters;
  private final Diagnostics diagnostics;

  HttpRouteCompiler(ClusterSet clusters, Diagnostics diagnostics) {
    this.clusters = clusters;
    this.diagnostics = diagnostics;
  }

  List<Route> compile(VirtualService vs, ListenerContext listener) {
    ResourceId id = ResourceId.of(vs);
    List<HTTPRoute> http = Objects.requireNonNullElse(vs.getSpec().getHttp(), List.of());
    List<Route> routes = new ArrayList<>();
    try {
      for (int i = 0; i < http.size(); i++) {
        if (http.get(i) != null) {
          compile(id, http.get(i), i, listener).ifPresent(routes::add);
        }
      }
    } catch (RuntimeException e) {
      // A field combination validation let through and we did not foresee: lose this
      // VirtualService, not the table.
      diagnostics.error(id, "cannot compile: " + e + " (resource skipped)");
      return List.of();
    }
    return routes;
  }

  private Optional<Route> compile(
      ResourceId vs, HTTPRoute http, int index, ListenerContext listener) {
    String field = "spec.http[" + index + "]";
    if (http.getDelegate() != null) {
      diagnostics.warning(
          vs, field + ".delegate: delegate VirtualServices are not supported; route skipped");
      return Optional.empty();
    }
    try {
      List<RouteMatch> matches = matches(http, vs.namespace(), listener);
      if (matches.isEmpty()) {
        return Optional.empty();
      }
      Optional<RouteAction> action = action(vs, http, field, listener);
      if (action.isEmpty()) {
        diagnostics.warning(vs, field + ": no route, redirect or directResponse; route skipped");
        return Optional.empty();
      }
      return Optional.of(
          new Route(
              Optional.ofNullable(http.getName()).filter(name -> !name.isEmpty()),
              vs + " http[" + index + "]",
              matches,
              action.get(),
              RoutePolicies.rewrite(http.getRewrite()),
              IstioDurations.parse(http.getTimeout()).filter(timeout -> !timeout.isZero()),
              RoutePolicies.retries(http.getRetries()),
              RoutePolicies.fault(http.getFault()),
              mirrors(vs, http, field, listener),
              RoutePolicies.cors(http.getCorsPolicy()),
              request(http.getHeaders()),
              response(http.getHeaders())));
    } catch (PatternSyntaxException e) {
      diagnostics.warning(
          vs,
          field
              + ": regex "
              + e.getPattern()
              + " does not compile: "
              + e.getDescription()
              + "; route skipped");
      return Optional.empty();
    }
  }

  /** No {@code match} matches everything; otherwise the entries that can match here. */
  private static List<RouteMatch> matches(
      HTTPRoute http, String namespace, ListenerContext listener) {
    List<HTTPMatchRequest> match = Objects.requireNonNullElse(http.getMatch(), List.of());
    if (match.isEmpty()) {
      return List.of(RouteMatch.any());
    }
    return match.stream()
        .filter(Objects::nonNull)
        .flatMap(m -> MatchCompiler.compile(m, namespace, listener).stream())
        .toList();
  }

  private Optional<RouteAction> action(
      ResourceId vs, HTTPRoute http, String field, ListenerContext listener) {
    if (http.getRedirect() != null) {
      return Optional.of(RoutePolicies.redirect(http.getRedirect()));
    }
    if (http.getDirectResponse() != null) {
      return Optional.of(RoutePolicies.directResponse(http.getDirectResponse()));
    }
    List<HTTPRouteDestination> route = Objects.requireNonNullElse(http.getRoute(), List.of());
    List<WeightedDestination> destinations = new ArrayList<>();
    for (int i = 0; i < route.size(); i++) {
      HTTPRouteDestination weighted = route.get(i);
      if (weighted == null || weighted.getDestination() == null) {
        continue;
      }
      String at = field + ".route[" + i + "].destination";
      destinations.add(
          new WeightedDestination(
              cluster(vs, weighted.getDestination(), at, listener),
              weight(weighted.getWeight(), route.size()),
              request(weighted.getHeaders()),
              response(weighted.getHeaders())));
    }
    return destinations.isEmpty()
        ? Optional.empty()
        : Optional.of(new RouteAction.Forward(destinations));
  }

  /**
   * Weights are relative; absent counts as 0, and a lone destination takes everything (100)
   * whatever its weight. Example: 70/30 stays 70/30; 0/100 sends nothing to the first.
   */
  static int weight(Integer weight, int destinations) {
    if (destinations == 1) {
      return 100;
    }
    return weight == null ? 0 : weight;
  }

  private String cluster(
      ResourceId vs, Destination destination, String field, ListenerContext listener) {
    return clusters.resolve(vs, destination, field, listener);
  }

  /**
   * {@code mirror} with {@code mirrorPercentage} (or the older {@code mirrorPercent}), then {@code
   * mirrors}.
   */
  private List<Mirror> mirrors(
      ResourceId vs, HTTPRoute http, String field, ListenerContext listener) {
    List<Mirror> mirrors = new ArrayList<>();
    if (http.getMirror() != null) {
      double percentage =
          http.getMirrorPercentage() != null
              ? percent(http.getMirrorPercentage())
              : http.getMirrorPercent() != null ? http.getMirrorPercent() : 100;
      mirrors.add(
          new Mirror(cluster(vs, http.getMirror(), field + ".mirror", listener), percentage));
    }
    List<HTTPMirrorPolicy> policies = Objects.requireNonNullElse(http.getMirrors(), List.of());
    for (int i = 0; i < policies.size(); i++) {
      HTTPMirrorPolicy policy = policies.get(i);
      if (policy == null || policy.getDestination() == null) {
        continue;
      }
      mirrors.add(
          new Mirror(
              cluster(
                  vs, policy.getDestination(), field + ".mirrors[" + i + "].destination", listener),
              policy.getPercentage() == null ? 100 : percent(policy.getPercentage())));
    }
    return mirrors;
  }

  static double percent(Percent percent) {
    return percent.getValue() == null ? 0 : percent.getValue();
  }

  static HeaderOperations request(Headers headers) {
    return headers == null ? HeaderOperations.NONE : operations(headers.getRequest());
  }

  static HeaderOperations response(Headers headers) {
    return headers == null ? HeaderOperations.NONE : operations(headers.getResponse());
  }

  private static HeaderOperations operations(HeadersHeaderOperations ops) {
    if (ops == null) {
      return HeaderOperations.NONE;
    }
    return new HeaderOperations(
        Objects.requireNonNullElse(ops.getSet(), Map.of()),
        Objects.requireNonNullElse(ops.getAdd(), Map.of()),
        Objects.requireNonNullElse(ops.getRemove(), List.of()));
  }
}
