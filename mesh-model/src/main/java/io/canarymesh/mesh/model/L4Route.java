package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One entry of a VirtualService's {@code tls} or {@code tcp} list, compiled: whole connections go
 * to one weighted destination, bytes are relayed untouched.
 *
 * @param origin where it came from: {@code VirtualService default/edge tls[0]}
 * @param matches ORed; a {@code tls} route's entries all have {@code sniHosts}, a {@code tcp} route
 *     without {@code match} has {@link L4Match#any()}
 * @param forward the weighted destinations (relative weights, as for HTTP routes)
 */
public record L4Route(String origin, List<L4Match> matches, RouteAction.Forward forward) {
  public L4Route {
    requireNonNull(origin, "origin");
    matches = List.copyOf(matches);
    if (matches.isEmpty()) {
      throw new IllegalArgumentException(
          "route " + origin + " has no match entries; use L4Match.any()");
    }
    requireNonNull(forward, "forward");
  }

  /** Whether this route selects by the ClientHello's server name (a {@code tls} route). */
  public boolean bySni() {
    return matches.stream().anyMatch(match -> !match.sniHosts().isEmpty());
  }
}
