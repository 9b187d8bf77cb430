package io.canarymesh.apiserver.discovery;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The representations of {@code GET /api} and {@code GET /apis}, and which one a request gets.
 *
 * <p>kubectl 1.32 asks {@code Accept: application/json;g=apidiscovery.k8s.io;v=v2;
 * as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;
 * as=APIGroupDiscoveryList,application/json} and decides how to read the body from the response's
 * Content-Type, so the server must answer with exactly {@link #contentType()} (and {@code Vary:
 * Accept}). The per-version documents ({@code /api/v1}, {@code /apis/apps/v1}) only exist as legacy
 * JSON.
 */
public enum DiscoveryFormat {
  /** {@code APIGroupDiscoveryList} in {@code apidiscovery.k8s.io/v2}. */
  AGGREGATED_V2("v2"),
  /** The same list in {@code apidiscovery.k8s.io/v2beta1}, for clients before 1.30. */
  AGGREGATED_V2BETA1("v2beta1"),
  /** {@code APIVersions} for {@code /api}, {@code APIGroupList} for {@code /apis}. */
  LEGACY(null);

  private static final String JSON = "application/json";
  private static final String DISCOVERY_GROUP = "apidiscovery.k8s.io";
  private static final String DISCOVERY_KIND = "APIGroupDiscoveryList";

  /** Parameters that do not change the representation. */
  private static final Set<String> NEUTRAL_PARAMETERS = Set.of("charset", "pretty");

  private final String discoveryVersion;

  DiscoveryFormat(String discoveryVersion) {
    this.discoveryVersion = discoveryVersion;
  }

  public boolean aggregated() {
    return discoveryVersion != null;
  }

  /**
   * The exact Content-Type to answer with: {@code
   * application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList} or {@code
   * application/json}.
   */
  public String contentType() {
    return aggregated()
        ? JSON + ";g=" + DISCOVERY_GROUP + ";v=" + discoveryVersion + ";as=" + DISCOVERY_KIND
        : JSON;
  }

  /** {@code apidiscovery.k8s.io/v2}; empty for {@link #LEGACY}. */
  String apiVersion() {
    return aggregated() ? DISCOVERY_GROUP + "/" + discoveryVersion : "";
  }

  /**
   * The representation to send for an Accept header (pass {@code ""} when the request has none):
   * the first acceptable clause in preference order wins. Aggregated discovery only when asked for
   * by its parameters; plain {@code application/json}, {@code application/*} and {@code *}{@code
   * /*} get legacy JSON. Protobuf, YAML, Tables and unknown parameters are not served here.
   *
   * @return empty when nothing acceptable is offered: answer 406 Not Acceptable, as kube-apiserver
   *     does
   */
  public static Optional<DiscoveryFormat> forAccept(String accept) {
    requireNonNull(accept, "accept");
    for (MediaRange range : MediaRange.parseAccept(accept)) {
      Optional<DiscoveryFormat> format = match(range);
      if (format.isPresent()) {
        return format;
      }
    }
    return Optional.empty();
  }

  private static Optional<DiscoveryFormat> match(MediaRange range) {
    if (range.isWildcardFor("application")) {
      return Optional.of(LEGACY);
    }
    if (!range.is("application", "json")) {
      return Optional.empty();
    }
    Map<String, String> parameters = range.parameters();
    long meaningful = parameters.keySet().stream().filter(name -> !isNeutral(name)).count();
    if (meaningful == 0) {
      return Optional.of(LEGACY);
    }
    if (meaningful != 3
        || !DISCOVERY_GROUP.equals(parameters.get("g"))
        || !DISCOVERY_KIND.equals(parameters.get("as"))) {
      return Optional.empty();
    }
    String version = parameters.get("v");
    for (DiscoveryFormat format : values()) {
      if (format.aggregated() && format.discoveryVersion.equals(version)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  private static boolean isNeutral(String parameter) {
    return NEUTRAL_PARAMETERS.contains(parameter);
  }
}
