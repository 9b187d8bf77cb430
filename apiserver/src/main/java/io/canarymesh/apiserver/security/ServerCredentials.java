package io.canarymesh.apiserver.security;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The API server's credentials in {@code <state>/pki/} and {@code <state>/token}: generated on
 * first start, loaded afterwards. The serving certificate is renewed when it expires within 30
 * days; the CA and the token never change, so kubeconfigs already handed out keep working.
 */
public final class ServerCredentials {
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private final X509Certificate ca;
  private final X509Certificate server;
  private final PrivateKey serverKey;
  private final String token;

  private ServerCredentials(
      X509Certificate ca, X509Certificate server, PrivateKey key, String token) {
    this.ca = ca;
    this.server = server;
    this.serverKey = key;
    this.token = token;
  }

  /**
   * Loads the credentials in {@code stateDir}, creating what is missing.
   *
   * @throws CredentialsException when a file exists but cannot be used (never silently replaced)
   */
  public static ServerCredentials loadOrCreate(Path stateDir, Clock clock) {
    requireNonNull(stateDir, "stateDir");
    Path pki = stateDir.resolve("pki");
    Path caCert = pki.resolve("ca.crt");
    Path caKey = pki.resolve("ca.key");
    Path serverCert = pki.resolve("apiserver.crt");
    Path serverKeyFile = pki.resolve("apiserver.key");
    Path tokenFile = stateDir.resolve("token");
    CertificateFactory factory = new CertificateFactory();
    Instant now = clock.instant();
    try {
      SecureFiles.createPrivateDirectory(pki);
      if (!Files.exists(caCert)) {
        CertificateFactory.Issued ca = factory.certificateAuthority(now);
        SecureFiles.writeAtomically(caKey, Pem.encode(ca.keys().getPrivate()));
        SecureFiles.writeAtomically(caCert, Pem.encode(ca.certificate()));
      }
      CertificateFactory.Issued ca =
          new CertificateFactory.Issued(
              new java.security.KeyPair(
                  Pem.readCertificate(caCert).getPublicKey(), Pem.readPrivateKey(caKey)),
              Pem.readCertificate(caCert));
      if (!Files.exists(serverCert) || expiresSoon(Pem.readCertificate(serverCert), now)) {
        CertificateFactory.Issued issued = factory.serverCertificate(ca, now);
        SecureFiles.writeAtomically(serverKeyFile, Pem.encode(issued.keys().getPrivate()));
        SecureFiles.writeAtomically(serverCert, Pem.encode(issued.certificate()));
      }
      if (!Files.exists(tokenFile)) {
        SecureFiles.writeAtomically(tokenFile, newToken() + "\n");
      }
      String token = Files.readString(tokenFile).strip();
      if (token.isEmpty()) {
        throw new CredentialsException(tokenFile, "is empty");
      }
      return new ServerCredentials(
          ca.certificate(),
          Pem.readCertificate(serverCert),
          Pem.readPrivateKey(serverKeyFile),
          token);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the API server's credentials in " + pki, e);
    }
  }

  private static boolean expiresSoon(X509Certificate certificate, Instant now) {
    return certificate.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE));
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public String token() {
    return token;
  }

  public PrivateKey serverKey() {
    return serverKey;
  }

  /** The serving certificate then the CA. */
  public X509Certificate[] serverChain() {
    return new X509Certificate[] {server, ca};
  }

  public X509Certificate caCertificate() {
    return ca;
  }

  public String caPem() {
    return Pem.encode(ca);
  }
}
