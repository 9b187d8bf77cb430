package io.canarymesh.mesh.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class L4RouteTest {
  private static final String A = "outbound|443||a.example.com";
  private static final String B = "outbound|443||b.example.com";

  @Test
  void aRouteNeedsAMatchEntryAndBlankNamesAreRefused() {
    RouteAction.Forward forward = new RouteAction.Forward(List.of(WeightedDestination.of(A, 100)));
    assertThatThrownBy(() -> new L4Route("VirtualService default/edge tcp[0]", List.of(), forward))
        .hasMessageContaining("has no match entries");
    assertThatThrownBy(() -> new L4Match(List.of(" "), List.of())).hasMessageContaining("sniHost");
    assertThatThrownBy(() -> new L4Match(List.of(), List.of("")))
        .hasMessageContaining("destinationSubnet");
  }

  @Test
  void gatewayTcpTlsAndPassthroughAndMeshTcpTlsHttpsListenersAreL4() {
    assertThat(listener(Listener.Protocol.TCP, "default/gw", Optional.empty()).isL4()).isTrue();
    assertThat(listener(Listener.Protocol.TLS, "default/gw", tls(ServerTls.Mode.SIMPLE)).isL4())
        .isTrue();
    Listener passthrough =
        listener(Listener.Protocol.HTTPS, "default/gw", tls(ServerTls.Mode.PASSTHROUGH));
    assertThat(passthrough.isL4()).isTrue();
    assertThat(passthrough.isTlsPassthrough()).isTrue();
    assertThat(listener(Listener.Protocol.HTTPS, "default/gw", tls(ServerTls.Mode.SIMPLE)).isL4())
        .isFalse();
    assertThat(listener(Listener.Protocol.TCP, Listener.MESH, Optional.empty()).isL4()).isTrue();
    assertThat(listener(Listener.Protocol.TLS, Listener.MESH, Optional.empty()).isL4()).isTrue();
    // Istio's sidecar relays an https port as TLS, never terminating it
    assertThat(listener(Listener.Protocol.HTTPS, Listener.MESH, Optional.empty()).isL4()).isTrue();
    assertThat(listener(Listener.Protocol.HTTP, Listener.MESH, Optional.empty()).isL4()).isFalse();
    assertThat(listener(Listener.Protocol.GRPC, Listener.MESH, Optional.empty()).isL4()).isFalse();
  }

  @Test
  void connectionRoutesAreRenderedInsteadOfVirtualHosts() {
    L4Route tls =
        new L4Route(
            "VirtualService default/edge tls[0]",
            List.of(new L4Match(List.of("a.example.com", "*.a.example.com"), List.of())),
            new RouteAction.Forward(
                List.of(WeightedDestination.of(A, 50), WeightedDestination.of(B, 50))));
    L4Route tcp =
        new L4Route(
            "VirtualService default/edge tcp[0]",
            List.of(new L4Match(List.of(), List.of("10.0.0.0/8"))),
            new RouteAction.Forward(List.of(WeightedDestination.of(B, 100))));
    Listener listener =
        new Listener(
            "0.0.0.0_443",
            "0.0.0.0",
            443,
            Listener.Protocol.TLS,
            List.of("default/gw"),
            true,
            tls(ServerTls.Mode.PASSTHROUGH),
            List.of(),
            List.of(tls, tcp));
    Listener empty = listener(Listener.Protocol.TCP, "default/gw", Optional.empty());

    assertThat(RouteTableText.render(new RouteTable(3, List.of(listener), List.of())))
        .isEqualTo(
            """
            route table version 3

            listener 0.0.0.0_443 TLS scope=[default/gw] exposed
              tls PASSTHROUGH
              connection route VirtualService default/edge tls[0]
                match sni=[a.example.com, *.a.example.com]
                forward
                  50 outbound|443||a.example.com
                  50 outbound|443||b.example.com
              connection route VirtualService default/edge tcp[0]
                match destination-subnets=[10.0.0.0/8]
                forward
                  100 outbound|443||b.example.com
            """);
    assertThat(RouteTableText.render(new RouteTable(1, List.of(empty), List.of())))
        .endsWith("  no connection routes (every connection: closed, NR)\n");
  }

  private static Optional<ServerTls> tls(ServerTls.Mode mode) {
    return Optional.of(
        new ServerTls(
            mode, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
  }

  private static Listener listener(
      Listener.Protocol protocol, String scope, Optional<ServerTls> tls) {
    return new Listener(
        "0.0.0.0_9000", "0.0.0.0", 9000, protocol, List.of(scope), true, tls, List.of());
  }
}
