package io.canarymesh.mesh.compiler;

import java.util.Optional;
import java.util.Set;

/**
 * What a route is being compiled for: the listener's port and the gateways (or {@code mesh}) the
 * VirtualService reaches it through. On a gateway listener the gateway itself is the only source of
 * traffic, so {@code sourceLabels} and {@code sourceNamespace} are decided now against it; on a
 * mesh listener they stay in the match for the proxy to check per request.
 *
 * @param port the listener port
 * @param gateways {@code mesh}, or the {@code ns/name} of the gateways serving the listener
 * @param gateway the gateway proxy, for gateway listeners
 */
record ListenerContext(int port, Set<String> gateways, Optional<IngressGateway> gateway) {
  ListenerContext {
    gateways = Set.copyOf(gateways);
  }
}
