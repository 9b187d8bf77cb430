package io.canarymesh.mesh.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.L4Route;
import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.mesh.model.ServerTls;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connection routes on gateways and OPTIONAL_MUTUAL, beyond what the golden files show. */
class GatewayL4RoutesTest {
  private static final ManifestDecoder DECODER = new ManifestDecoder(KindRegistry.standard());

  @Test
  void sniHostsNarrowToWhatTheServerAdmits() {
    var admitted = new LinkedHashSet<>(List.of("a.example.com", "*.other.org"));
    assertThat(L4RouteCompiler.admittedSni(List.of("*.example.com"), admitted))
        .containsExactly("a.example.com");
    assertThat(L4RouteCompiler.admittedSni(List.of("x.other.org", "b.example.com"), admitted))
        .containsExactly("x.other.org");
    assertThat(L4RouteCompiler.admittedSni(List.of("b.example.com"), admitted)).isEmpty();
  }

  @Test
  void passthroughListenersCarryTlsRoutesAndNoVirtualHosts() {
    RouteTable table = GoldenCase.compile(GoldenCase.load("gateway-tls-passthrough").resources());
    Listener listener = listener(table, 443);
    assertThat(listener.isTlsPassthrough()).isTrue();
    assertThat(listener.virtualHosts()).isEmpty();
    assertThat(listener.l4Routes()).extracting(L4Route::bySni).containsOnly(true);
    // the route to an unknown host is kept (its connections are refused), the others too
    assertThat(listener.l4Routes())
        .extracting(L4Route::origin)
        .containsExactly(
            "VirtualService edge/a-edge tls[0]",
            "VirtualService edge/a-edge tls[1]",
            "VirtualService edge/a-edge tls[2]");
  }

  @Test
  void tcpListenersCarryTcpRoutes() {
    RouteTable table = GoldenCase.compile(GoldenCase.load("gateway-tcp").resources());
    assertThat(listener(table, 31400).l4Routes()).extracting(L4Route::bySni).containsOnly(false);
    assertThat(listener(table, 31401).tls().orElseThrow().mode()).isEqualTo(ServerTls.Mode.SIMPLE);
    assertThat(listener(table, 31401).isL4()).isTrue();
  }

  @Test
  void optionalMutualTakesItsCaFromTheCredentialLikeMutual() throws IOException {
    String yaml =
        Files.readString(Path.of("src/test/resources/golden/gateway-mutual-tls/input.yaml"))
            .replace(
                "{mode: MUTUAL, credentialName: same}",
                "{mode: OPTIONAL_MUTUAL, credentialName: same}")
            .replace(
                "{mode: MUTUAL, credentialName: noca}",
                "{mode: OPTIONAL_MUTUAL, credentialName: noca}");
    List<HasMetadata> resources =
        DECODER.decode(yaml).resources().stream().map(DecodedResource::object).toList();
    CompileResult result = MeshCompiler.compile(GoldenCase.inputs(resources));

    ServerTls tls = GoldenCase.tlsOf(result.table(), 8443).orElseThrow();
    assertThat(tls.mode()).isEqualTo(ServerTls.Mode.OPTIONAL_MUTUAL);
    assertThat(tls.credential().orElseThrow().caCertificatesPem()).isPresent();
    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .anyMatch(m -> m.contains("noca") && m.contains("server not served"));
  }

  private static Listener listener(RouteTable table, int port) {
    return table.listeners().stream().filter(l -> l.port() == port).findFirst().orElseThrow();
  }
}
