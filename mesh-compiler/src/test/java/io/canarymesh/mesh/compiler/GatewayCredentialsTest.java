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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gateway servers whose certificate comes from a Secret named by {@code tls.credentialName}. */
class GatewayCredentialsTest {
  private static final String CASE = "gateway-credentials";

  @TempDir Path dir;

  @Test
  void aKubernetesTlsSecretGivesTheListenerItsCertificateAndKey() throws IOException {
    List<HasMetadata> resources = GoldenCase.load(CASE).resources();
    Secret secret = new GoldenCase(resources).secret("shop-cert");
    ServerTls tls = GoldenCase.tlsOf(GoldenCase.compile(resources), 8443).orElseThrow();

    assertThat(tls.mode()).isEqualTo(ServerTls.Mode.SIMPLE);
    assertThat(tls.credentialName()).contains("shop-cert");
    TlsCredential credential = tls.credential().orElseThrow();
    assertThat(credential.getSecret()).isEqualTo("istio-system/shop-cert");
    assertThat(credential.certificateChainPem()).isEqualTo(decoded(secret, "tls.crt"));
    assertThat(credential.privateKeyPem()).isEqualTo(decoded(secret, "tls.key"));
    assertThat(credential.certificateChainPem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(credential.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void aGenericSecretsStringDataCertAndKeyAreMergedOverItsData() throws IOException {
    List<HasMetadata> resources = GoldenCase.load(CASE).resources();
    Secret secret = new GoldenCase(resources).secret("api-cert");
    TlsCredential credential =
        GoldenCase.tlsOf(GoldenCase.compile(resources), 9443).orElseThrow().credential().get();

    assertThat(credential.certificateChainPem()).isEqualTo(secret.getStringData().get("cert"));
    assertThat(credential.privateKeyPem()).isEqualTo(secret.getStringData().get("key"));
  }

  @Test
  void aSecretOnlyInAnotherNamespaceOrWithoutUsableKeysLeavesTheServerUnservedWithADiagnostic()
      throws IOException {
    CompileResult result =
        MeshCompiler.compile(GoldenCase.inputs(GoldenCase.load(CASE).resources()));

    assertThat(result.table().listeners()).extracting(Listener::port).doesNotContain(10443, 11443);
    assertThat(result.table().listeners())
        .extracting(Listener::port)
        .containsExactly(8080, 8443, 9443);
    assertThat(result.diagnostics())
        .extracting(Diagnostic::toString)
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains("Gateway web/shop", "spec.servers[3]", "istio-system/web-cert")
                    .contains("not found", "not served"))
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains("Gateway web/shop", "spec.servers[4]", "istio-system/wrong-keys")
                    .contains("not served"));
  }

  @Test
  void aMissingSecretLeavesNoClearTextListenerAndItsCreationLaterServesTls() throws IOException {
    String yaml = Files.readString(Path.of("src/test/resources/golden", CASE, "input.yaml"));
    String[] documents = yaml.split("\n---\n");
    StringBuilder withoutShopCert = new StringBuilder();
    String shopCert = null;
    for (String document : documents) {
      if (document.contains("name: shop-cert")) {
        shopCert = document;
      } else {
        withoutShopCert.append(document).append("\n---\n");
      }
    }
    Files.writeString(dir.resolve("mesh.yaml"), withoutShopCert.toString());

    DirectorySource.Loaded before = (DirectorySource.Loaded) load(1);
    assertThat(before.table().listeners()).extracting(Listener::port).doesNotContain(8443);
    assertThat(before.diagnostics())
        .extracting(Diagnostic::toString)
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains("Gateway web/shop", "spec.servers[1]", "istio-system/shop-cert"));

    Files.writeString(dir.resolve("secret.yaml"), shopCert);
    DirectorySource.Loaded after = (DirectorySource.Loaded) load(2);
    assertThat(GoldenCase.tlsOf(after.table(), 8443))
        .get()
        .extracting(t -> t.credential().isPresent())
        .isEqualTo(true);
  }

  @Test
  void aRotatedCertificateMakesTheListenersTlsCompareUnequal() throws IOException {
    List<HasMetadata> resources = GoldenCase.load(CASE).resources();
    ServerTls original = GoldenCase.tlsOf(GoldenCase.compile(resources), 8443).orElseThrow();
    Secret shop = new GoldenCase(resources).secret("shop-cert");
    Secret api = new GoldenCase(resources).secret("api-cert");
    shop.getData().put("tls.crt", encoded(api.getStringData().get("cert")));
    shop.getData().put("tls.key", encoded(api.getStringData().get("key")));
    ServerTls rotated = GoldenCase.tlsOf(GoldenCase.compile(resources), 8443).orElseThrow();

    assertThat(rotated).isNotEqualTo(original);
    assertThat(rotated.credential().get().getCertificateSha256())
        .isNotEqualTo(original.credential().get().getCertificateSha256());
    assertThat(GoldenCase.tlsOf(GoldenCase.compile(GoldenCase.load(CASE).resources()), 8443))
        .contains(original);
  }

  @Test
  void theTablesTextShowsTheSecretAndFingerprintButNeverTheKey() throws IOException {
    List<HasMetadata> resources = GoldenCase.load(CASE).resources();
    RouteTable table = GoldenCase.compile(resources);
    String key = decoded(new GoldenCase(resources).secret("shop-cert"), "tls.key");
    String keyBody = key.lines().skip(1).findFirst().orElseThrow();

    String text = RouteTableText.render(table);
    assertThat(text).contains("credential=shop-cert sha256=");
    assertThat(text).doesNotContain(keyBody).doesNotContain("PRIVATE KEY");
    assertThat(table.toString()).doesNotContain(keyBody).doesNotContain("PRIVATE KEY");
    assertThat(GoldenCase.tlsOf(table, 9443).orElseThrow().toString())
        .doesNotContain("PRIVATE KEY");
  }

  private DirectorySource.Outcome load(long version) {
    return DirectorySource.load(dir, IngressGateway.standalone(), version);
  }

  private static String decoded(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static String encoded(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
