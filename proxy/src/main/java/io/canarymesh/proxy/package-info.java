/**
 * The Netty data plane: {@link io.canarymesh.proxy.MeshProxy} binds the route table's listeners,
 * selects a virtual host and route per request from one immutable {@code RouteSnapshot}, splits by
 * weight, balances over endpoints, and relays request and response bodies as streams over
 * per-event-loop upstream connection pools, enforcing Envoy-style connection-pool limits.
 */
package io.canarymesh.proxy;
