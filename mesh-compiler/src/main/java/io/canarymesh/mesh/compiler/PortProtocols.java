package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.Listener.Protocol;
import java.util.Locale;
import java.util.Optional;

/**
 * What a port speaks, from Istio's protocol names: a Gateway server's or ServiceEntry port's {@code
 * protocol}, or a Kubernetes port's {@code appProtocol} or name prefix ({@code http}, {@code
 * http-web}, {@code grpc-api}). Istio sniffs unnamed Kubernetes ports; we take them as HTTP.
 */
final class PortProtocols {
  private PortProtocols() {}

  /** A declared protocol ({@code HTTP}, {@code GRPC-WEB}, {@code Mongo}); empty if unknown. */
  static Optional<Protocol> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "http" -> Optional.of(Protocol.HTTP);
      case "https" -> Optional.of(Protocol.HTTPS);
      case "http2", "h2c", "kubernetes.io/h2c" -> Optional.of(Protocol.HTTP2);
      case "grpc", "grpc-web" -> Optional.of(Protocol.GRPC);
      case "tls" -> Optional.of(Protocol.TLS);
      case "tcp", "mongo", "mysql", "redis", "udp" -> Optional.of(Protocol.TCP);
      default -> Optional.empty();
    };
  }

  /** A Kubernetes Service port: {@code appProtocol}, else its name up to the first '-'. */
  static Protocol ofKubernetesPort(String name, String appProtocol) {
    Optional<Protocol> declared = parse(appProtocol);
    if (declared.isPresent()) {
      return declared.get();
    }
    if (name == null || name.isEmpty()) {
      return Protocol.HTTP;
    }
    int dash = name.indexOf('-');
    return parse(dash < 0 ? name : name.substring(0, dash)).orElse(Protocol.HTTP);
  }
}
