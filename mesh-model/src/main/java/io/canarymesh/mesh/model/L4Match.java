package io.canarymesh.mesh.model;

import java.util.List;

/**
 * One match entry of a connection-level route ({@code TLSMatchAttributes} or {@code
 * L4MatchAttributes}). Its {@code port}, {@code gateways} and {@code sourceLabels} were decided at
 * compile time, as for HTTP routes; what is left depends on the connection.
 *
 * @param sniHosts for a {@code tls} route: the server names (exact, or {@code *.suffix} for at
 *     least one more label) of the ClientHello; empty for a {@code tcp} route
 * @param destinationSubnets the connection's destination address must be in one of these ({@code
 *     10.0.0.0/8}, or a single address); empty means any
 */
public record L4Match(List<String> sniHosts, List<String> destinationSubnets) {
  public L4Match {
    sniHosts = List.copyOf(sniHosts);
    sniHosts.forEach(host -> Checks.nonBlank(host, "sniHost"));
    destinationSubnets = List.copyOf(destinationSubnets);
    destinationSubnets.forEach(subnet -> Checks.nonBlank(subnet, "destinationSubnet"));
  }

  /** A {@code tcp} match entry that takes every connection. */
  public static L4Match any() {
    return new L4Match(List.of(), List.of());
  }
}
