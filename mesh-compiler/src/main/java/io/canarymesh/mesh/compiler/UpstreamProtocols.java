package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.Cluster.UpstreamProtocol;
import io.canarymesh.mesh.model.Listener.Protocol;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy;
import java.util.Optional;

/**
 * What the proxy speaks to a cluster's endpoints, as Istio decides it: HTTP/2 for ports declared
 * {@code grpc}, {@code grpc-web}, {@code http2} or {@code h2c}; for {@code http} ports, HTTP/2 only
 * when the connection pool's {@code http.h2UpgradePolicy} is {@code UPGRADE} ({@code DEFAULT}
 * follows the mesh-wide default, which is Istio's {@code DO_NOT_UPGRADE}). Examples: port {@code
 * grpc-api} → HTTP2; port {@code http} with {@code UPGRADE} → HTTP2; port {@code http} with {@code
 * DO_NOT_UPGRADE} or nothing → HTTP1; port {@code http2} with {@code DO_NOT_UPGRADE} → HTTP2 (the
 * policy only upgrades HTTP/1.1 ports, it never downgrades an HTTP/2 one).
 */
final class UpstreamProtocols {
  private UpstreamProtocols() {}

  static UpstreamProtocol of(Protocol port, Optional<ConnectionPoolSettings> pool) {
    return switch (port) {
      case HTTP2, GRPC -> UpstreamProtocol.HTTP2;
      case HTTP -> upgrades(pool) ? UpstreamProtocol.HTTP2 : UpstreamProtocol.HTTP1;
      case HTTPS, TCP, TLS -> UpstreamProtocol.HTTP1;
    };
  }

  private static boolean upgrades(Optional<ConnectionPoolSettings> pool) {
    return pool.map(ConnectionPoolSettings::getHttp)
        .map(ConnectionPoolSettingsHTTPSettings::getH2UpgradePolicy)
        .filter(ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy.UPGRADE::equals)
        .isPresent();
  }
}
