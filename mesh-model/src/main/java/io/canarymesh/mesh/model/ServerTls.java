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
 * @param credential that Secret's certificate and key, as the compiler resolved them (present
 *     whenever {@code credentialName} is on a served SIMPLE or MUTUAL server; for MUTUAL it also
 *     carries the client CA, from that Secret or {@code <credentialName>-cacert}); its text and its
 *     JSON never carry the key
 * @param clientChecks what a client certificate must match beyond its CA (MUTUAL, OPTIONAL_MUTUAL)
 */
public record ServerTls(
    Mode mode,
    Optional<String> serverCertificate,
    Optional<String> privateKey,
    Optional<String> caCertificates,
    Optional<String> credentialName,
    Optional<TlsCredential> credential,
    ClientCertificateChecks clientChecks) {

  /** Istio's {@code ServerTLSSettings.TLSmode}. */
  public enum Mode {
    PASSTHROUGH,
    SIMPLE,
    MUTUAL,
    AUTO_PASSTHROUGH,
    ISTIO_MUTUAL,
    OPTIONAL_MUTUAL
  }

  /** Settings without a resolved credential. */
  public ServerTls(
      Mode mode,
      Optional<String> serverCertificate,
      Optional<String> privateKey,
      Optional<String> caCertificates,
      Optional<String> credentialName) {
    this(mode, serverCertificate, privateKey, caCertificates, credentialName, Optional.empty());
  }

  /** Settings without client-certificate checks beyond the CA. */
  public ServerTls(
      Mode mode,
      Optional<String> serverCertificate,
      Optional<String> privateKey,
      Optional<String> caCertificates,
      Optional<String> credentialName,
      Optional<TlsCredential> credential) {
    this(
        mode,
        serverCertificate,
        privateKey,
        caCertificates,
        credentialName,
        credential,
        ClientCertificateChecks.NONE);
  }

  /** The same settings with {@code resolved} as the credential. */
  public ServerTls withCredential(TlsCredential resolved) {
    return new ServerTls(
        mode,
        serverCertificate,
        privateKey,
        caCertificates,
        credentialName,
        Optional.of(resolved),
        clientChecks);
  }

  /** The same settings with {@code checks} on client certificates. */
  public ServerTls withClientChecks(ClientCertificateChecks checks) {
    return new ServerTls(
        mode, serverCertificate, privateKey, caCertificates, credentialName, credential, checks);
  }

  public ServerTls {
    requireNonNull(mode, "mode");
    requireNonNull(serverCertificate, "serverCertificate");
    requireNonNull(privateKey, "privateKey");
    requireNonNull(caCertificates, "caCertificates");
    requireNonNull(credentialName, "credentialName");
    requireNonNull(credential, "credential");
    requireNonNull(clientChecks, "clientChecks");
  }
}
