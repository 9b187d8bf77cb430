package io.canarymesh.apiserver.security;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The API server's TLS identity and bearer token, kept in the state directory (layout in {@link
 * CredentialFiles}): generated on first start, loaded on every later one.
 *
 * <p>What a later start does with each file:
 *
 * <ul>
 *   <li>{@code pki/ca.crt} absent: the first start never completed (it is written last), so
 *       everything is generated afresh.
 *   <li>CA present: it is kept for good, since every kubeconfig trusts it; a missing {@code
 *       ca.key}, a key that does not belong to {@code ca.crt}, or any file that cannot be read or
 *       parsed is a {@link CredentialFileException} naming the file, and nothing is rewritten.
 *   <li>{@code token} absent: a new token (deleting the file is how to rotate it).
 *   <li>Server certificate absent, not matching its key, not signed by the CA, or expiring within
 *       {@link #RENEW_BEFORE}: a new one is issued by the CA; the CA and token stay.
 * </ul>
 */
public final class ServerCredentials {
  /** A server certificate that expires sooner than this is replaced at start-up. */
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private final X509Certificate caCertificate;
  private final KeyedCertificate server;
  private final String token;

  private ServerCredentials(X509Certificate caCertificate, KeyedCertificate server, String token) {
    this.caCertificate = caCertificate;
    this.server = server;
    this.token = token;
  }

  /**
   * Loads the credentials in {@code stateDir}, generating what is missing (see the class comment).
   *
   * @throws CredentialFileException when a file exists but cannot be used
   * @throws java.io.UncheckedIOException when a directory or file cannot be written
   */
  public static ServerCredentials loadOrCreate(Path stateDir, Clock clock) {
    requireNonNull(stateDir, "stateDir");
    requireNonNull(clock, "clock");
    SecureRandom random = new SecureRandom();
    return loadOrCreate(
        CredentialFiles.in(stateDir), clock.instant(), new CertificateIssuer(random), random);
  }

  private static ServerCredentials loadOrCreate(
      CredentialFiles files, Instant now, CertificateIssuer issuer, SecureRandom random) {
    OwnerOnlyFiles.createDirectory(files.pki());
    Optional<X509Certificate> caCertificate = Pem.readCertificate(files.caCertificate());
    if (caCertificate.isEmpty()) {
      return firstStart(files, now, issuer, random);
    }
    KeyedCertificate ca =
        new KeyedCertificate(caCertificate.get(), caKey(files, caCertificate.get()));
    // read everything before writing anything, so a corrupt file stops the start with no change
    Optional<String> storedToken = TokenFile.read(files.token());
    Optional<KeyedCertificate> storedServer = usableServerCertificate(files, ca, now);
    String token = storedToken.orElseGet(() -> newToken(files, random));
    KeyedCertificate server = storedServer.orElseGet(() -> newServer(files, ca, issuer, now));
    return new ServerCredentials(ca.certificate(), server, token);
  }

  /** Writes the CA certificate last: its presence marks a completed first start. */
  private static ServerCredentials firstStart(
      CredentialFiles files, Instant now, CertificateIssuer issuer, SecureRandom random) {
    String token = newToken(files, random);
    KeyedCertificate ca = issuer.certificateAuthority(now);
    KeyedCertificate server = newServer(files, ca, issuer, now);
    write(files.caKey(), Pem.encode(ca.key()));
    write(files.caCertificate(), Pem.encode(ca.certificate()));
    return new ServerCredentials(ca.certificate(), server, token);
  }

  private static PrivateKey caKey(CredentialFiles files, X509Certificate caCertificate) {
    PrivateKey key =
        Pem.readPrivateKey(files.caKey())
            .orElseThrow(
                () ->
                    new CredentialFileException(
                        files.caKey(),
                        "missing, but "
                            + files.caCertificate()
                            + " exists; the CA cannot sign without its key"));
    if (!KeyPairs.matches(caCertificate.getPublicKey(), key)) {
      throw new CredentialFileException(
          files.caKey(), "is not the private key of " + files.caCertificate());
    }
    return key;
  }

  /** The stored server certificate if it can still be served; corrupt files throw. */
  private static Optional<KeyedCertificate> usableServerCertificate(
      CredentialFiles files, KeyedCertificate ca, Instant now) {
    Optional<X509Certificate> certificate = Pem.readCertificate(files.serverCertificate());
    Optional<PrivateKey> key = Pem.readPrivateKey(files.serverKey());
    if (certificate.isEmpty() || key.isEmpty()) {
      return Optional.empty();
    }
    boolean usable =
        KeyPairs.matches(certificate.get().getPublicKey(), key.get())
            && isSignedBy(certificate.get(), ca.certificate())
            && !expiresWithin(certificate.get(), now, RENEW_BEFORE);
    return usable
        ? Optional.of(new KeyedCertificate(certificate.get(), key.get()))
        : Optional.empty();
  }

  /**
   * Whether {@code certificate} ends within {@code margin} of {@code now}. With a certificate valid
   * until June 30 and a margin of 30 days: true from May 31 (at the same second) on.
   */
  static boolean expiresWithin(X509Certificate certificate, Instant now, Duration margin) {
    return !now.plus(margin).isBefore(certificate.getNotAfter().toInstant());
  }

  private static boolean isSignedBy(X509Certificate certificate, X509Certificate ca) {
    try {
      certificate.verify(ca.getPublicKey());
      return certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The key is written before the certificate; a crash between the two is caught by the match. */
  private static KeyedCertificate newServer(
      CredentialFiles files, KeyedCertificate ca, CertificateIssuer issuer, Instant now) {
    KeyedCertificate server = issuer.serverCertificate(ca, now);
    write(files.serverKey(), Pem.encode(server.key()));
    write(files.serverCertificate(), Pem.encode(server.certificate()));
    return server;
  }

  private static String newToken(CredentialFiles files, SecureRandom random) {
    String token = TokenFile.generate(random);
    TokenFile.write(files.token(), token);
    return token;
  }

  private static void write(Path file, String pem) {
    OwnerOnlyFiles.writeAtomically(file, pem.getBytes(StandardCharsets.US_ASCII));
  }

  /** The CA certificate as PEM, for a kubeconfig's {@code certificate-authority-data}. */
  public String caPem() {
    return Pem.encode(caCertificate);
  }

  /** The bearer token clients must present. */
  public String token() {
    return token;
  }

  /** The private key of the server certificate. */
  public PrivateKey serverKey() {
    return server.key();
  }

  /** The chain the server presents: its certificate, then the CA's. A fresh array each call. */
  public X509Certificate[] serverChain() {
    return new X509Certificate[] {server.certificate(), caCertificate};
  }

  /** Names and expiry only: never the token or a key. */
  @Override
  public String toString() {
    return "ServerCredentials[server="
        + server.certificate().getSubjectX500Principal().getName()
        + " until "
        + server.certificate().getNotAfter().toInstant()
        + ", ca="
        + caCertificate.getSubjectX500Principal().getName()
        + " until "
        + caCertificate.getNotAfter().toInstant()
        + "]";
  }
}
