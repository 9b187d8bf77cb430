package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A socket the proxy serves and the virtual hosts behind it.
 *
 * <p>A gateway listener ({@code 0.0.0.0_80}) serves the servers of every Gateway on that port; its
 * routes already had their {@code gateways}, {@code port}, {@code sourceLabels} and {@code
 * sourceNamespace} conditions decided at compile time (the gateway is the only source). A mesh
 * listener ({@code 127.96.0.10_19090}) stands in front of one Service's ClusterIP and port; its
 * single virtual host also answers any Host, since the address already names the service.
 *
 * @param name {@code address_port}, as Envoy names listeners
 * @param address where to bind: a ClusterIP, a ServiceEntry address, or {@code 0.0.0.0}
 * @param port the port to serve
 * @param protocol what the listener speaks
 * @param scope {@code mesh}, or the gateways ({@code namespace/name}) whose servers it serves
 * @param exposed whether the ingress gateway's Service exposes this port (always true for mesh
 *     listeners); a caller may still choose to bind an unexposed port
 * @param tls server-side TLS, for HTTPS and TLS servers
 * @param virtualHosts sorted by name; an empty list answers every request 404 ({@code NR})
 * @param l4Routes for a listener that relays connections ({@link #isL4()}): the {@code tls} routes
 *     of a TLS passthrough server, or the {@code tcp} routes of a TCP (or terminated TLS) server,
 *     in order; the first match wins, none closes the connection ({@code NR})
 */
public record Listener(
    String name,
    String address,
    int port,
    Protocol protocol,
    List<String> scope,
    boolean exposed,
    Optional<ServerTls> tls,
    List<VirtualHost> virtualHosts,
    List<L4Route> l4Routes) {

  /** The scope of listeners in front of services, as VirtualServices spell it. */
  public static final String MESH = "mesh";

  /** What a listener speaks, as Gateway servers and Service port names declare it. */
  public enum Protocol {
    HTTP,
    HTTPS,
    HTTP2,
    GRPC,
    TCP,
    TLS
  }

  public Listener {
    Checks.nonBlank(name, "listener name");
    Checks.nonBlank(address, "listener address");
    Checks.port(port, "listener port");
    requireNonNull(protocol, "protocol");
    scope = List.copyOf(scope);
    if (scope.isEmpty()) {
      throw new IllegalArgumentException("listener " + name + " must serve mesh or a gateway");
    }
    requireNonNull(tls, "tls");
    virtualHosts = List.copyOf(virtualHosts);
    l4Routes = List.copyOf(l4Routes);
  }

  /** A listener that serves HTTP only. */
  public Listener(
      String name,
      String address,
      int port,
      Protocol protocol,
      List<String> scope,
      boolean exposed,
      Optional<ServerTls> tls,
      List<VirtualHost> virtualHosts) {
    this(name, address, port, protocol, scope, exposed, tls, virtualHosts, List.of());
  }

  /** The conventional name: {@code 0.0.0.0_80}. */
  public static String nameOf(String address, int port) {
    return address + "_" + port;
  }

  /** Whether this listener stands in front of a service rather than serving a gateway. */
  public boolean isMesh() {
    return scope.equals(List.of(MESH));
  }

  /**
   * Whether this listener relays whole connections by {@link #l4Routes} rather than serving HTTP: a
   * TCP or TLS server, or any server whose TLS mode is PASSTHROUGH; a mesh listener of a TCP, TLS
   * or HTTPS port (Istio's sidecar does not terminate HTTPS either).
   */
  public boolean isL4() {
    if (isMesh()) {
      return protocol == Protocol.TCP || protocol == Protocol.TLS || protocol == Protocol.HTTPS;
    }
    return protocol == Protocol.TCP || protocol == Protocol.TLS || isTlsPassthrough();
  }

  /** Whether connections are routed by their ClientHello's server name, without terminating. */
  public boolean isTlsPassthrough() {
    return tls.map(t -> t.mode() == ServerTls.Mode.PASSTHROUGH).orElse(false);
  }
}
