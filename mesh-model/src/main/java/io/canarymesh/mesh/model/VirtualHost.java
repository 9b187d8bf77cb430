package io.canarymesh.mesh.model;

import java.util.List;

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
 */
public record VirtualHost(
    String name, List<String> domains, List<Route> routes, boolean requireTls) {
  public VirtualHost {
    Checks.nonBlank(name, "virtual host name");
    domains = List.copyOf(domains);
    if (domains.isEmpty()) {
      throw new IllegalArgumentException("virtual host " + name + " has no domains");
    }
    domains.forEach(domain -> Checks.nonBlank(domain, "domain of virtual host " + name));
    routes = List.copyOf(routes);
  }
}
