package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One entry of an {@code HTTPMatchRequest} list: every condition present must hold (ANDed).
 *
 * @param uri the path (without query); case-insensitive for exact and prefix when the route said
 *     {@code ignoreUriCase}
 * @param scheme {@code http} or {@code https}
 * @param method the request method
 * @param authority the Host / :authority header
 * @param headers sorted by name; each header must be present and match
 * @param withoutHeaders sorted by name; each must be absent or not match
 * @param queryParams sorted by name; each parameter must be present and match
 * @param port the listener port the request arrived on
 * @param sourceLabels labels the calling workload must carry (mesh listeners)
 * @param sourceNamespace the calling workload's namespace (mesh listeners)
 * @param gateways the gateways or {@code mesh} this entry was limited to (already applied by the
 *     compiler, kept for {@code /config_dump})
 */
public record RouteMatch(
    Optional<StringMatcher> uri,
    Optional<StringMatcher> scheme,
    Optional<StringMatcher> method,
    Optional<StringMatcher> authority,
    List<NamedMatcher> headers,
    List<NamedMatcher> withoutHeaders,
    List<NamedMatcher> queryParams,
    OptionalInt port,
    Map<String, String> sourceLabels,
    Optional<String> sourceNamespace,
    List<String> gateways) {
  private static final RouteMatch ANY =
      new RouteMatch(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          List.of(),
          List.of(),
          OptionalInt.empty(),
          Map.of(),
          Optional.empty(),
          List.of());

  public RouteMatch {
    requireNonNull(uri, "uri");
    requireNonNull(scheme, "scheme");
    requireNonNull(method, "method");
    requireNonNull(authority, "authority");
    headers = sortedByName(headers);
    withoutHeaders = sortedByName(withoutHeaders);
    queryParams = sortedByName(queryParams);
    requireNonNull(port, "port");
    port.ifPresent(p -> Checks.port(p, "match port"));
    sourceLabels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(sourceLabels));
    requireNonNull(sourceNamespace, "sourceNamespace");
    gateways = List.copyOf(gateways);
  }

  /** The entry with no conditions: matches every request. */
  public static RouteMatch any() {
    return ANY;
  }

  /** True when no condition is left to check: every request matches. */
  public boolean matchesEverything() {
    return uri.isEmpty()
        && scheme.isEmpty()
        && method.isEmpty()
        && authority.isEmpty()
        && headers.isEmpty()
        && withoutHeaders.isEmpty()
        && queryParams.isEmpty()
        && port.isEmpty()
        && sourceLabels.isEmpty()
        && sourceNamespace.isEmpty();
  }

  private static List<NamedMatcher> sortedByName(List<NamedMatcher> matchers) {
    return matchers.stream().sorted(Comparator.comparing(NamedMatcher::name)).toList();
  }
}
