package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate chain and its private key, as PEM, read from the Secret a Gateway server's {@code
 * tls.credentialName} names.
 *
 * <p>The private key never leaves through this object's text: {@link #toString()} and the only
 * JavaBean-style getters ({@link #getSecret()}, {@link #getCertificateSha256()}, which is what a
 * JSON serializer such as Jackson picks up for {@code /config_dump}) show the Secret's name and the
 * certificate's fingerprint. {@link #privateKeyPem()} is deliberately not a getter. Two credentials
 * are equal only when their PEM texts are, so a rotated certificate or key makes the listener's TLS
 * settings compare unequal.
 *
 * <p>For {@code tls.mode: MUTUAL} it also carries the CA bundle that verifies client certificates
 * ({@link #caCertificatesPem()}), with the Secret it came from (the same Secret, or {@code
 * <name>-cacert}) and its fingerprint as getters; a changed CA makes two credentials unequal too.
 */
public final class TlsCredential {
  private final String secret;
  private final String certificateChainPem;
  private final String privateKeyPem;
  private final String certificateSha256;
  private final String caSecret;
  private final String caCertificatesPem;
  private final String caSha256;

  /**
   * @param secret the Secret it came from, {@code namespace/name}
   * @param certificateChainPem the server certificate, then any intermediates
   * @param privateKeyPem the certificate's private key (PKCS#8 or PKCS#1)
   */
  public TlsCredential(String secret, String certificateChainPem, String privateKeyPem) {
    this(secret, certificateChainPem, privateKeyPem, null, null);
  }

  private TlsCredential(
      String secret,
      String certificateChainPem,
      String privateKeyPem,
      String caSecret,
      String caCertificatesPem) {
    this.secret = Checks.nonBlank(secret, "credential secret");
    this.certificateChainPem = requireNonNull(certificateChainPem, "certificateChainPem");
    this.privateKeyPem = requireNonNull(privateKeyPem, "privateKeyPem");
    this.certificateSha256 = sha256(certificateChainPem);
    this.caSecret = caSecret;
    this.caCertificatesPem = caCertificatesPem;
    this.caSha256 = caCertificatesPem == null ? null : sha256(caCertificatesPem);
  }

  /**
   * The same certificate and key, with {@code caCertificatesPem} to verify client certificates.
   *
   * @param caSecret the Secret the CA came from, {@code namespace/name}
   * @param caCertificatesPem one or more CA certificates, PEM
   */
  public TlsCredential withCa(String caSecret, String caCertificatesPem) {
    return new TlsCredential(
        secret,
        certificateChainPem,
        privateKeyPem,
        Checks.nonBlank(caSecret, "CA secret"),
        requireNonNull(caCertificatesPem, "caCertificatesPem"));
  }

  /** The Secret the client CA came from, {@code namespace/name}; empty without a CA. */
  public Optional<String> getCaSecret() {
    return Optional.ofNullable(caSecret);
  }

  /** The SHA-256 of the client CA's first certificate, as {@link #getCertificateSha256()}. */
  public Optional<String> getCaSha256() {
    return Optional.ofNullable(caSha256);
  }

  /** The CA certificates that verify client certificates, PEM; empty without a CA. */
  public Optional<String> caCertificatesPem() {
    return Optional.ofNullable(caCertificatesPem);
  }

  /** The Secret it came from, {@code namespace/name}. */
  public String getSecret() {
    return secret;
  }

  /**
   * The SHA-256 of the first certificate's DER encoding, lowercase hex (what {@code openssl x509
   * -fingerprint -sha256} prints, without colons); of the PEM text when that does not decode.
   */
  public String getCertificateSha256() {
    return certificateSha256;
  }

  /** The certificate chain, PEM. */
  public String certificateChainPem() {
    return certificateChainPem;
  }

  /** The private key, PEM: for building the TLS context only, never for printing. */
  public String privateKeyPem() {
    return privateKeyPem;
  }

  private static String sha256(String pem) {
    byte[] bytes = firstCertificateDer(pem);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required algorithm", e);
    }
  }

  private static byte[] firstCertificateDer(String pem) {
    String begin = "-----BEGIN CERTIFICATE-----";
    int start = pem.indexOf(begin);
    int end = start < 0 ? -1 : pem.indexOf("-----END CERTIFICATE-----", start);
    if (end > 0) {
      try {
        return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
      } catch (IllegalArgumentException notBase64) {
        // fall back to the text
      }
    }
    return pem.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TlsCredential that
        && secret.equals(that.secret)
        && certificateChainPem.equals(that.certificateChainPem)
        && privateKeyPem.equals(that.privateKeyPem)
        && Objects.equals(caSecret, that.caSecret)
        && Objects.equals(caCertificatesPem, that.caCertificatesPem);
  }

  @Override
  public int hashCode() {
    return Objects.hash(secret, certificateChainPem, privateKeyPem, caSecret, caCertificatesPem);
  }

  /** The Secret and the certificate's fingerprint; never the key. */
  @Override
  public String toString() {
    return "TlsCredential[secret="
        + secret
        + ", sha256="
        + certificateSha256
        + (caSecret == null ? "" : ", ca=" + caSecret + ", caSha256=" + caSha256)
        + "]";
  }
}
