package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a VirtualService's {@code http} list, compiled.
 *
 * @param name the route's {@code name}, when it has one
 * @param origin where it came from, for logs and {@code /config_dump}: {@code VirtualService
 *     default/micro-api-route http[0]}
 * @param matches ORed (any entry matching selects the route); {@link RouteMatch#any()} when the
 *     route had no {@code match}
 * @param action what to do with a matching request
 * @param rewrite applied before forwarding
 * @param timeout for the whole request including retries; empty = none (Istio's default)
 * @param retries applied on upstream failures; {@link RetryPolicy#NONE} when disabled
 * @param fault delays and aborts injected before forwarding
 * @param mirrors copies sent fire-and-forget
 * @param cors the CORS policy
 * @param requestHeaders applied to the request before forwarding
 * @param responseHeaders applied to the response before returning it
 */
public record Route(
    Optional<String> name,
    String origin,
    List<RouteMatch> matches,
    RouteAction action,
    Optional<Rewrite> rewrite,
    Optional<Duration> timeout,
    RetryPolicy retries,
    Optional<FaultInjection> fault,
    List<Mirror> mirrors,
    Optional<CorsPolicy> cors,
    HeaderOperations requestHeaders,
    HeaderOperations responseHeaders) {
  public Route {
    requireNonNull(name, "name");
    requireNonNull(origin, "origin");
    matches = List.copyOf(matches);
    if (matches.isEmpty()) {
      throw new IllegalArgumentException(
          "route " + origin + " has no match entries; use RouteMatch.any()");
    }
    requireNonNull(action, "action");
    requireNonNull(rewrite, "rewrite");
    requireNonNull(timeout, "timeout");
    timeout.ifPresent(t -> Checks.nonNegative(t, "timeout of route " + origin));
    requireNonNull(retries, "retries");
    requireNonNull(fault, "fault");
    mirrors = List.copyOf(mirrors);
    requireNonNull(cors, "cors");
    requireNonNull(requestHeaders, "requestHeaders");
    requireNonNull(responseHeaders, "responseHeaders");
  }

  /** A route that forwards every request to one cluster, with no policies: the mesh default. */
  public static Route forwardAll(String origin, String cluster) {
    return new Route(
        Optional.empty(),
        origin,
        List.of(RouteMatch.any()),
        new RouteAction.Forward(List.of(WeightedDestination.of(cluster, 100))),
        Optional.empty(),
        Optional.empty(),
        RetryPolicy.MESH_DEFAULT,
        Optional.empty(),
        List.of(),
        Optional.empty(),
        HeaderOperations.NONE,
        HeaderOperations.NONE);
  }
}
