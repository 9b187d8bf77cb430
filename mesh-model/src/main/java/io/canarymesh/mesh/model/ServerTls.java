package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * TLS a gateway server terminates (or passes through).
 *
 * @param mode as the Gateway server says
 * @param serverCertificate path to the certificate file ({@code tls.serverCertificate})
 * @param privateKey path to the key file ({@code tls.privateKey})
 * @param caCertificates path to the client CA bundle, for {@code MUTUAL}
 * @param credentialName the Secret holding certificate and key, instead of files
 */
public record ServerTls(
    Mode mode,
    Optional<String> serverCertificate,
    Optional<String> privateKey,
    Optional<String> caCertificates,
    Optional<String> credentialName) {

  /** Istio's {@code ServerTLSSettings.TLSmode}. */
  public enum Mode {
    PASSTHROUGH,
    SIMPLE,
    MUTUAL,
    AUTO_PASSTHROUGH,
    ISTIO_MUTUAL,
    OPTIONAL_MUTUAL
  }

  public ServerTls {
    requireNonNull(mode, "mode");
    requireNonNull(serverCertificate, "serverCertificate");
    requireNonNull(privateKey, "privateKey");
    requireNonNull(caCertificates, "caCertificates");
    requireNonNull(credentialName, "credentialName");
  }
}
