package io.canarymesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.compiler.MeshCompiler;
import io.canarymesh.mesh.compiler.MeshInputs;
import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.mesh.model.TlsCredential;
import io.canarymesh.model.KindRegistry;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code /config_dump} shows a Gateway's TLS credential by name and fingerprint, never its key. */
class GatewayAdminServerTest {
  private static final String CERTIFICATE =
      "-----BEGIN CERTIFICATE-----\nQUJDRA==\n-----END CERTIFICATE-----\n";
  private static final String KEY_BODY = "S2VlcFRoaXNLZXlTZWNyZXQ=";
  private static final String KEY =
      "-----BEGIN PRIVATE KEY-----\n" + KEY_BODY + "\n-----END PRIVATE KEY-----\n";

  @Test
  void theConfigDumpNamesTheSecretAndCertificateButNeverTheKey() throws Exception {
    String yaml =
        """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: default}
        spec:
          selector: {istio: ingressgateway}
          servers:
            - port: {number: 8443, name: https, protocol: HTTPS}
              hosts: ["*"]
              tls: {mode: SIMPLE, credentialName: shop-cert}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: shop-cert, namespace: istio-system}
        type: kubernetes.io/tls
        stringData:
          tls.crt: %s
          tls.key: %s
        """
            .formatted(quoted(CERTIFICATE), quoted(KEY));
    RouteTable table =
        MeshCompiler.compile(
                MeshInputs.builder()
                    .addAll(
                        new ManifestDecoder(KindRegistry.standard())
                            .decode(yaml).resources().stream()
                                .map(DecodedResource::object)
                                .toList())
                    .build())
            .table();
    TlsCredential credential =
        table.listeners().getFirst().tls().orElseThrow().credential().orElseThrow();
    assertThat(credential.privateKeyPem()).isEqualTo(KEY);

    String json = new String(GatewayAdminServer.configDump(table), StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"credentialName\" : \"shop-cert\"")
        .contains("\"secret\" : \"istio-system/shop-cert\"")
        .contains("\"certificateSha256\" : \"" + credential.getCertificateSha256() + "\"")
        .doesNotContain(KEY_BODY)
        .doesNotContain("PRIVATE KEY");
  }

  @Test
  void theConfigDumpListsTheClientWorkloads() throws Exception {
    RouteTable table =
        new RouteTable(
            1,
            java.util.List.of(),
            java.util.List.of(),
            java.util.List.of(
                new io.canarymesh.mesh.model.ClientWorkload(
                    "127.244.0.10", "shop", java.util.Map.of("app", "frontend"))));

    String json = new String(GatewayAdminServer.configDump(table), StandardCharsets.UTF_8);

    assertThat(json.replaceAll("\\s+", ""))
        .contains(
            "\"clients\":[{\"address\":\"127.244.0.10\",\"namespace\":\"shop\","
                + "\"labels\":{\"app\":\"frontend\"}}]");
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }
}
