package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.ClientCertificateChecks;
import io.fabric8.istio.api.api.networking.v1alpha3.ServerTLSSettings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a MUTUAL or OPTIONAL_MUTUAL Gateway server asks of client certificates beyond its CA: {@code
 * subjectAltNames}, {@code verifyCertificateSpki}, {@code verifyCertificateHash} and the {@code
 * caCrl} file, as Istio hands them to Envoy's validation context. A SIMPLE server verifies no
 * client, so there they mean nothing (as in Istio).
 */
final class GatewayClientChecks {
  private GatewayClientChecks() {}

  /**
   * The checks of {@code settings}.
   *
   * @throws IllegalArgumentException naming the field and the bad value (an SPKI that is not a
   *     base64 SHA-256, a hash that is not 64 hex digits, {@code caCertCredentialName} without
   *     {@code credentialName})
   */
  static ClientCertificateChecks of(ServerTLSSettings settings) {
    String mode = settings.getMode().name();
    if (!mode.equals("MUTUAL") && !mode.equals("OPTIONAL_MUTUAL")) {
      return ClientCertificateChecks.NONE;
    }
    if (present(settings.getCaCertCredentialName()) && !present(settings.getCredentialName())) {
      throw new IllegalArgumentException(
          "caCertCredentialName "
              + settings.getCaCertCredentialName()
              + " needs credentialName here (the server's certificate files take their CA from"
              + " caCertificates)");
    }
    return new ClientCertificateChecks(
        list(settings.getSubjectAltNames()),
        list(settings.getVerifyCertificateSpki()),
        list(settings.getVerifyCertificateHash()),
        present(settings.getCaCrl()) ? Optional.of(settings.getCaCrl()) : Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static List<String> list(List<String> values) {
    return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
