package io.canarymesh.mesh.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.ClientCertificateChecks;
import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.mesh.model.ServerTls;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A MUTUAL Gateway server's further client checks ({@code subjectAltNames}, {@code
 * verifyCertificateSpki}, {@code verifyCertificateHash}, {@code caCrl}, the Secret's {@code
 * ca.crl}, {@code caCertCredentialName}) are carried to the proxy, and a bad one leaves that server
 * unserved with a warning naming the field.
 */
class GatewayClientChecksTest {
  private static final String CASE = "gateway-mutual-tls";

  @Test
  void subjectAltNamesAreCarried() throws IOException {
    assertThat(checks(compile(), 13443).subjectAltNames()).containsExactly("client.example.com");
  }

  @Test
  void pinsAreCarriedWithTheHashNormalized() throws IOException {
    ClientCertificateChecks checks = checks(compile(), 15443);

    assertThat(checks.spkiSha256()).containsExactly("2Kl+RZ3QIQp0GFq7rkjB4wWFHiiWJ1UNyz8KwbFtfp4=");
    assertThat(checks.certificateSha256())
        .containsExactly("df6ff72fe9116521268f6f2dd4966f51dfe5f30b3b36b99b842eedfb5db3205e");
    assertThat(checks.crlFile()).contains("/etc/certs/ca.crl");
    assertThat(checks.crlSecret()).isEmpty();
  }

  @Test
  void theCrlBesideTheSecretsCaIsCarried() throws IOException {
    ClientCertificateChecks checks = checks(compile(), 16443);

    assertThat(checks.crlSecret()).contains("istio-system/revoking");
    assertThat(checks.crlPem().orElseThrow()).startsWith("-----BEGIN X509 CRL-----");
    assertThat(checks(compile(), 8443).crlPem()).isEmpty(); // its Secret has no ca.crl
  }

  @Test
  void caCertCredentialNameTakesTheCaFromThatSecret() throws IOException {
    ServerTls tls = GoldenCase.tlsOf(compile(), 17443).orElseThrow();

    assertThat(tls.credential().orElseThrow().getCaSecret()).contains("istio-system/split-cacert");
    assertThat(tls.credential().orElseThrow().getSecret()).isEqualTo("istio-system/same");
  }

  @Test
  void aHashThatIsNotASha256LeavesTheServerUnserved() throws IOException {
    CompileResult result =
        MeshCompiler.compile(GoldenCase.inputs(GoldenCase.load(CASE).resources()));

    assertThat(result.table().listeners()).extracting(Listener::port).doesNotContain(18443);
    assertThat(result.diagnostics())
        .extracting(Diagnostic::toString)
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains("spec.servers[10].tls", "verifyCertificateHash", "\"abc\"")
                    .contains("not served"));
  }

  @Test
  void anSpkiThatIsNotABase64Sha256LeavesTheServerUnserved() throws IOException {
    CompileResult result = withServer(5, tls -> tls.setVerifyCertificateSpki(List.of("c2hvcnQ=")));

    assertThat(result.table().listeners()).extracting(Listener::port).doesNotContain(13443);
    assertThat(result.diagnostics())
        .extracting(Diagnostic::toString)
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains("spec.servers[5].tls", "verifyCertificateSpki", "5 bytes")
                    .contains("not served"));
  }

  @Test
  void aMissingCaCertCredentialSecretLeavesTheServerUnserved() throws IOException {
    CompileResult result = withServer(5, tls -> tls.setCaCertCredentialName("absent"));

    assertThat(result.table().listeners()).extracting(Listener::port).doesNotContain(13443);
    assertThat(result.diagnostics())
        .extracting(Diagnostic::toString)
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains("spec.servers[5].tls.credentialName", "istio-system/absent")
                    .contains("caCertCredentialName", "not served"));
  }

  @Test
  void caCertCredentialNameWithFilesIsNotServed() throws IOException {
    CompileResult result = withServer(4, tls -> tls.setCaCertCredentialName("split-cacert"));

    assertThat(result.table().listeners()).extracting(Listener::port).doesNotContain(12443);
    assertThat(result.diagnostics())
        .extracting(Diagnostic::toString)
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains("spec.servers[4].tls", "caCertCredentialName", "credentialName")
                    .contains("not served"));
  }

  @Test
  void aSimpleServerIgnoresClientChecks() throws IOException {
    CompileResult result =
        withServer(6, tls -> tls.setSubjectAltNames(List.of("client.example.com")));

    assertThat(checks(result.table(), 14443)).isEqualTo(ClientCertificateChecks.NONE);
  }

  private static RouteTable compile() throws IOException {
    return GoldenCase.compile(GoldenCase.load(CASE).resources());
  }

  private static ClientCertificateChecks checks(RouteTable table, int port) {
    return GoldenCase.tlsOf(table, port).map(ServerTls::clientChecks).orElseThrow();
  }

  /** The golden case with {@code change} applied to the tls of the bank Gateway's server. */
  private static CompileResult withServer(int server, Consumer<ServerTLSSettings> change)
      throws IOException {
    List<HasMetadata> resources = GoldenCase.load(CASE).resources();
    Optional<Gateway> gateway =
        resources.stream().filter(Gateway.class::isInstance).map(Gateway.class::cast).findFirst();
    change.accept(gateway.orElseThrow().getSpec().getServers().get(server).getTls());
    return MeshCompiler.compile(GoldenCase.inputs(resources));
  }
}
