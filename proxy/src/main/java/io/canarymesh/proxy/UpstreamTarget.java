package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Endpoint;
import java.net.InetSocketAddress;

/**
 * One endpoint of one cluster, resolved once per table: connections are pooled per cluster and
 * endpoint ({@code poolKey}), so limits count per cluster as in Envoy.
 */
record UpstreamTarget(
    String poolKey, InetSocketAddress address, Endpoint endpoint, String hostPort) {
  static UpstreamTarget of(String cluster, Endpoint endpoint) {
    String hostPort = endpoint.address() + ":" + endpoint.port();
    return new UpstreamTarget(
        cluster + " " + hostPort,
        new InetSocketAddress(endpoint.address(), endpoint.port()),
        endpoint,
        hostPort);
  }
}
