package io.canarymesh.mesh.model;

import java.util.List;
import java.util.Optional;

/**
 * The routes for a set of host names on one listener.
 *
 * <p>Domains are host names without a port (the proxy strips {@code :port} from the Host header
 * before matching): exact names, left-most wildcards ({@code *.example.com}, at least one character
 * for the {@code *}), or {@code *}. As in Envoy, an exact domain beats a wildcard, a longer suffix
 * beats a shorter one, and {@code *} comes last.
 *
 * @param name {@code host:port}, as Istio names virtual hosts
 * @param domains the host names served, never empty
 * @param routes evaluated in order; the first that matches wins, none → 404 ({@code NR})
 * @param requireTls a plain-HTTP server with {@code tls.httpsRedirect}: answer 301 to https
 * @param callerFallback on a mesh listener whose every route has source conditions: the route for a
 *     caller none of them applies to. In Istio such a caller's sidecar gets no route from the
 *     VirtualService and sends the request to the whole service; a caller that has some route but
 *     matches none of its other conditions still gets 404.
 */
public record VirtualHost(
    String name,
    List<String> domains,
    List<Route> routes,
    boolean requireTls,
    Optional<Route> callerFallback) {
  public VirtualHost {
    Checks.nonBlank(name, "virtual host name");
    domains = List.copyOf(domains);
    if (domains.isEmpty()) {
      throw new IllegalArgumentException("virtual host " + name + " has no domains");
    }
    domains.forEach(domain -> Checks.nonBlank(domain, "domain of virtual host " + name));
    routes = List.copyOf(routes);
    java.util.Objects.requireNonNull(callerFallback, "callerFallback");
  }

  /** A virtual host without a fallback for callers. */
  public VirtualHost(String name, List<String> domains, List<Route> routes, boolean requireTls) {
    this(name, domains, routes, requireTls, Optional.empty());
  }
}
