package io.canarymesh.mesh.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.mesh.model.RouteTableText;
import io.canarymesh.mesh.model.ServerTls;
import io.canarymesh.mesh.model.TlsCredential;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gateway servers with {@code tls.mode: MUTUAL}: where the CA that verifies client certificates
 * comes from, and a MUTUAL server without one is not served.
 */
class GatewayMutualTlsTest {
  private static final String CASE = "gateway-mutual-tls";

  @Test
  void theCaComesFromTheCredentialSecretsCaCrt() throws IOException {
    List<HasMetadata> resources = GoldenCase.load(CASE).resources();
    TlsCredential credential = credentialOf(GoldenCase.compile(resources), 8443);

    assertThat(credential.getSecret()).isEqualTo("istio-system/same");
    assertThat(credential.getCaSecret()).contains("istio-system/same");
    assertThat(credential.caCertificatesPem())
        .contains(new GoldenCase(resources).secret("same").getStringData().get("ca.crt"));
    assertThat(credential.certificateChainPem())
        .isEqualTo(new GoldenCase(resources).secret("same").getStringData().get("tls.crt"));
  }

  @Test
  void theCaComesFromAGenericSecretsCacert() throws IOException {
    List<HasMetadata> resources = GoldenCase.load(CASE).resources();
    TlsCredential credential = credentialOf(GoldenCase.compile(resources), 9443);

    assertThat(credential.getCaSecret()).contains("istio-system/generic");
    assertThat(credential.caCertificatesPem())
        .contains(new GoldenCase(resources).secret("generic").getStringData().get("cacert"));
  }

  @Test
  void theCaComesFromTheSeparateCacertSecret() throws IOException {
    List<HasMetadata> resources = GoldenCase.load(CASE).resources();
    TlsCredential credential = credentialOf(GoldenCase.compile(resources), 10443);

    assertThat(credential.getSecret()).isEqualTo("istio-system/split");
    assertThat(credential.getCaSecret()).contains("istio-system/split-cacert");
    assertThat(credential.caCertificatesPem())
        .contains(new GoldenCase(resources).secret("split-cacert").getStringData().get("ca.crt"));
  }

  @Test
  void aSeparateCacertSecretMayUseTheGenericCacertKey() throws IOException {
    List<HasMetadata> resources = GoldenCase.load(CASE).resources();
    Secret split = new GoldenCase(resources).secret("split-cacert");
    String ca = split.getStringData().remove("ca.crt");
    split.getStringData().put("cacert", ca);

    assertThat(credentialOf(GoldenCase.compile(resources), 10443).caCertificatesPem()).contains(ca);
  }

  @Test
  void filesUseTheCaCertificatesPath() throws IOException {
    ServerTls tls = tlsOf(GoldenCase.compile(GoldenCase.load(CASE).resources()), 12443);

    assertThat(tls.mode()).isEqualTo(ServerTls.Mode.MUTUAL);
    assertThat(tls.credential()).isEmpty();
    assertThat(tls.caCertificates()).contains("/etc/certs/ca.crt");
  }

  @Test
  void aMutualServerWithoutAnyCaIsNotServedAndSaysWhy() throws IOException {
    CompileResult result =
        MeshCompiler.compile(GoldenCase.inputs(GoldenCase.load(CASE).resources()));

    assertThat(result.table().listeners())
        .extracting(Listener::port)
        .containsExactly(8443, 9443, 10443, 12443, 13443, 14443, 15443, 16443, 17443);
    assertThat(result.diagnostics())
        .extracting(Diagnostic::toString)
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains("Gateway web/bank", "spec.servers[3]", "MUTUAL", "CA")
                    .contains("istio-system/noca", "istio-system/noca-cacert", "not served"));
  }

  @Test
  void aCacertSecretWithoutACertificateLeavesTheServerUnserved() throws IOException {
    List<HasMetadata> resources = GoldenCase.load(CASE).resources();
    new GoldenCase(resources)
        .secret("split-cacert")
        .getStringData()
        .put("ca.crt", "not a certificate");
    CompileResult result = MeshCompiler.compile(GoldenCase.inputs(resources));

    assertThat(result.table().listeners()).extracting(Listener::port).doesNotContain(10443);
    assertThat(result.diagnostics())
        .extracting(Diagnostic::toString)
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains("spec.servers[2]", "istio-system/split-cacert", "ca.crt")
                    .contains("not served"));
  }

  @Test
  void aSimpleServerIgnoresTheCa() throws IOException {
    TlsCredential credential =
        tlsOf(GoldenCase.compile(GoldenCase.load(CASE).resources()), 14443)
            .credential()
            .orElseThrow();

    assertThat(credential.getCaSecret()).isEmpty();
    assertThat(credential.caCertificatesPem()).isEmpty();
  }

  @Test
  void aChangedCaMakesTheListenersTlsCompareUnequal() throws IOException {
    List<HasMetadata> resources = GoldenCase.load(CASE).resources();
    ServerTls original = tlsOf(GoldenCase.compile(resources), 8443);
    Secret same = new GoldenCase(resources).secret("same");
    same.getStringData().put("ca.crt", same.getStringData().get("tls.crt"));
    ServerTls changed = tlsOf(GoldenCase.compile(resources), 8443);

    assertThat(changed).isNotEqualTo(original);
    assertThat(changed.credential().get().getCaSha256())
        .isNotEqualTo(original.credential().get().getCaSha256());
    assertThat(tlsOf(GoldenCase.compile(GoldenCase.load(CASE).resources()), 8443))
        .isEqualTo(original);
  }

  @Test
  void theTextShowsTheCaSecretButNeverTheKey() throws IOException {
    RouteTable table = GoldenCase.compile(GoldenCase.load(CASE).resources());
    String text = RouteTableText.render(table);

    assertThat(text).contains("ca-secret=istio-system/split-cacert ca-sha256=");
    assertThat(text).doesNotContain("PRIVATE KEY");
    assertThat(table.toString()).doesNotContain("PRIVATE KEY");
    assertThat(credentialOf(table, 8443).toString())
        .contains("ca=istio-system/same")
        .doesNotContain("PRIVATE KEY");
  }

  private static ServerTls tlsOf(RouteTable table, int port) {
    return GoldenCase.tlsOf(table, port).orElseThrow();
  }

  private static TlsCredential credentialOf(RouteTable table, int port) {
    ServerTls tls = tlsOf(table, port);
    assertThat(tls.mode()).isEqualTo(ServerTls.Mode.MUTUAL);
    return tls.credential().orElseThrow();
  }
}
