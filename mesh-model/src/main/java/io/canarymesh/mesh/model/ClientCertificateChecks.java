package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a MUTUAL (or OPTIONAL_MUTUAL) Gateway server asks of a client certificate beyond a chain to
 * its CA, as Envoy's {@code CertificateValidationContext} does: each non-empty list must match.
 *
 * @param subjectAltNames the certificate must carry one of these SANs exactly (DNS, URI, IP or
 *     email; Envoy's {@code match_subject_alt_names} as Istio fills it)
 * @param spkiSha256 the base64 SHA-256 of the certificate's SubjectPublicKeyInfo must be one of
 *     these ({@code verifyCertificateSpki}); kept as written, each checked to decode to 32 bytes
 * @param certificateSha256 the hex SHA-256 of the certificate's DER must be one of these ({@code
 *     verifyCertificateHash}); normalized to lowercase without colons ({@code AB:CD…} → {@code
 *     abcd…})
 * @param crlFile a CRL file ({@code caCrl}): a certificate it revokes fails
 * @param crlPem the CRLs of the CA Secret's {@code ca.crl}, as the compiler resolved them
 * @param crlSecret the Secret {@code crlPem} came from, {@code namespace/name}
 */
public record ClientCertificateChecks(
    List<String> subjectAltNames,
    List<String> spkiSha256,
    List<String> certificateSha256,
    Optional<String> crlFile,
    Optional<String> crlPem,
    Optional<String> crlSecret) {

  /** No check beyond the CA. */
  public static final ClientCertificateChecks NONE =
      new ClientCertificateChecks(
          List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());

  public ClientCertificateChecks {
    subjectAltNames = List.copyOf(requireNonNull(subjectAltNames, "subjectAltNames"));
    subjectAltNames.forEach(san -> Checks.nonBlank(san, "subjectAltNames entry"));
    spkiSha256 = List.copyOf(requireNonNull(spkiSha256, "spkiSha256"));
    spkiSha256.forEach(ClientCertificateChecks::checkSpki);
    certificateSha256 =
        requireNonNull(certificateSha256, "certificateSha256").stream()
            .map(ClientCertificateChecks::normalizedHash)
            .toList();
    requireNonNull(crlFile, "crlFile");
    requireNonNull(crlPem, "crlPem");
    requireNonNull(crlSecret, "crlSecret");
    if (crlPem.isPresent() != crlSecret.isPresent()) {
      throw new IllegalArgumentException("crlPem and crlSecret come together");
    }
  }

  /** Whether no check applies beyond the CA. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /** The same checks with the CRLs of Secret {@code secret}. */
  public ClientCertificateChecks withCrl(String secret, String pem) {
    return new ClientCertificateChecks(
        subjectAltNames,
        spkiSha256,
        certificateSha256,
        crlFile,
        Optional.of(requireNonNull(pem, "pem")),
        Optional.of(Checks.nonBlank(secret, "CRL secret")));
  }

  private static void checkSpki(String spki) {
    byte[] digest;
    try {
      digest = Base64.getDecoder().decode(requireNonNull(spki, "spki"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "verifyCertificateSpki entry must be base64, got \"" + spki + "\"");
    }
    if (digest.length != 32) {
      throw new IllegalArgumentException(
          "verifyCertificateSpki entry must be a base64 SHA-256 (32 bytes), got "
              + digest.length
              + " bytes in \""
              + spki
              + "\"");
    }
  }

  /** {@code "AB:CD:…"} or {@code "abcd…"} → {@code "abcd…"}; 64 hex digits or an exception. */
  private static String normalizedHash(String hash) {
    String hex = requireNonNull(hash, "hash").replace(":", "").toLowerCase(Locale.ROOT);
    if (hex.length() != 64 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException(
          "verifyCertificateHash entry must be a hex SHA-256 (64 digits, colons allowed), got \""
              + hash
              + "\"");
    }
    return hex;
  }
}
