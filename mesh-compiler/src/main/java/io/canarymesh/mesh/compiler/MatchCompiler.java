package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.NamedMatcher;
import io.canarymesh.mesh.model.RouteMatch;
import io.canarymesh.mesh.model.StringMatcher;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * {@code HTTPMatchRequest} → {@link RouteMatch}, or nothing when the entry cannot match on this
 * listener: it names other gateways, another port, or (on a gateway) source labels or a source
 * namespace the gateway does not have. On the mesh, source conditions stay for the proxy to check
 * against the calling workload.
 */
final class MatchCompiler {
  private MatchCompiler() {}

  static Optional<RouteMatch> compile(
      HTTPMatchRequest match, String namespace, ListenerContext listener) {
    List<String> gateways =
        Objects.requireNonNullElse(match.getGateways(), List.<String>of()).stream()
            .filter(Objects::nonNull)
            .map(ref -> GatewayRefs.resolve(ref, namespace))
            .toList();
    if (!gateways.isEmpty() && gateways.stream().noneMatch(listener.gateways()::contains)) {
      return Optional.empty();
    }
    OptionalInt port = portOf(match);
    if (port.isPresent() && port.getAsInt() != listener.port()) {
      return Optional.empty();
    }
    Map<String, String> sourceLabels =
        Objects.requireNonNullElse(match.getSourceLabels(), Map.of());
    Optional<String> sourceNamespace =
        Optional.ofNullable(match.getSourceNamespace()).filter(ns -> !ns.isEmpty());
    if (!gateways.isEmpty()) {
      // Istio (sourceMatchHTTP): an entry naming gateways is decided by them alone; its source
      // conditions are never consulted, on gateways or on the mesh
      sourceLabels = Map.of();
      sourceNamespace = Optional.empty();
    } else if (listener.gateway().isPresent()) {
      IngressGateway gateway = listener.gateway().get();
      if (!gateway.selectedBy(sourceLabels)
          || sourceNamespace.filter(ns -> !ns.equals(gateway.namespace())).isPresent()) {
        return Optional.empty();
      }
      sourceLabels = Map.of();
      sourceNamespace = Optional.empty();
    }
    boolean ignoreUriCase = Boolean.TRUE.equals(match.getIgnoreUriCase());
    return Optional.of(
        new RouteMatch(
            matcher(match.getUri(), ignoreUriCase),
            matcher(match.getScheme(), false),
            matcher(match.getMethod(), false),
            matcher(match.getAuthority(), false),
            named(match.getHeaders(), true),
            named(match.getWithoutHeaders(), true),
            named(match.getQueryParams(), false),
            port,
            sourceLabels,
            sourceNamespace,
            gateways));
  }

  /**
   * A {@code StringMatch}; an empty one (or, in header matches, Istio's {@code regex: "*"}) only
   * asks for presence. {@code ignoreCase} applies to exact and prefix, as in Istio.
   */
  static Optional<StringMatcher> matcher(StringMatch match, boolean ignoreCase) {
    if (match == null) {
      return Optional.empty();
    }
    return Optional.of(
        switch (match.getMatchType()) {
          case StringMatchExact exact ->
              new StringMatcher.Exact(Objects.requireNonNullElse(exact.getExact(), ""), ignoreCase);
          case StringMatchPrefix prefix ->
              new StringMatcher.Prefix(
                  Objects.requireNonNullElse(prefix.getPrefix(), ""), ignoreCase);
          case StringMatchRegex regex when "*".equals(regex.getRegex()) ->
              new StringMatcher.Present();
          case StringMatchRegex regex -> regex(Objects.requireNonNullElse(regex.getRegex(), ""));
          case null, default -> new StringMatcher.Present();
        });
  }

  /**
   * An RE2 expression as a Java pattern. The validator already rejected what RE2 lacks; RE2's
   * {@code (?P<name>...)} groups are spelled {@code (?<name>...)} in Java.
   *
   * @throws java.util.regex.PatternSyntaxException when Java cannot compile it
   */
  static StringMatcher.Regex regex(String re2) {
    return new StringMatcher.Regex(Pattern.compile(re2.replace("(?P<", "(?<")));
  }

  private static List<NamedMatcher> named(Map<String, StringMatch> matches, boolean header) {
    if (matches == null) {
      return List.of();
    }
    return matches.entrySet().stream()
        .filter(entry -> entry.getKey() != null)
        .map(
            entry ->
                new NamedMatcher(
                    header ? entry.getKey().toLowerCase(Locale.ROOT) : entry.getKey(),
                    matcher(entry.getValue(), false).orElseGet(StringMatcher.Present::new)))
        .toList();
  }

  private static OptionalInt portOf(HTTPMatchRequest match) {
    Long port = match.getPort();
    return port == null || port == 0 ? OptionalInt.empty() : OptionalInt.of(port.intValue());
  }
}
