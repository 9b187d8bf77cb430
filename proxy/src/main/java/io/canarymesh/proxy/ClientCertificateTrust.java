package io.canarymesh.proxy;

import io.canarymesh.mesh.model.ClientCertificateChecks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRL;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust manager of a MUTUAL listener: the JDK's PKIX verification of the client's chain against
 * the CA, then, on a verified chain, the listener's {@link ClientCertificateChecks} (Envoy's order:
 * chain first, then SANs, SPKI, hash), each failure a {@link CertificateException} that fails the
 * handshake. CRLs are checked for every presented certificate against the CRLs its issuer signed
 * (by issuer name; the CRL's own signature is not verified: it comes from the trusted config, and a
 * certificate without a CRL for its issuer passes, where Envoy would fail a chain whose CA has none
 * while another CA in it has one).
 */
final class ClientCertificateTrust {
  private ClientCertificateTrust() {}

  /**
   * The trust manager for {@code caPem} with {@code checks} and the CRLs of {@code crlPems}.
   *
   * @throws GeneralSecurityException when the CA or a CRL does not parse
   */
  static TrustManager of(String caPem, ClientCertificateChecks checks, List<String> crlPems)
      throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    int index = 0;
    for (var certificate : factory.generateCertificates(ascii(caPem))) {
      store.setCertificateEntry("ca-" + index++, certificate);
    }
    if (index == 0) {
      throw new CertificateException("no CA certificate in the PEM");
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    trust.init(store);
    List<X509CRL> crls = new ArrayList<>();
    for (String pem : crlPems) {
      Collection<? extends CRL> parsed = factory.generateCRLs(ascii(pem));
      if (parsed.isEmpty()) {
        throw new CertificateException("no CRL in the PEM");
      }
      parsed.forEach(crl -> crls.add((X509CRL) crl));
    }
    return new Checked((X509ExtendedTrustManager) trust.getTrustManagers()[0], checks, crls);
  }

  /**
   * Why {@code chain} fails {@code checks} or {@code crls} (a revoked certificate anywhere in it,
   * then the leaf's SANs, SPKI and hash), or null when it passes.
   */
  static String rejection(
      X509Certificate[] chain, ClientCertificateChecks checks, List<X509CRL> crls) {
    for (X509Certificate certificate : chain) {
      for (X509CRL crl : crls) {
        if (crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())
            && crl.isRevoked(certificate)) {
          return "certificate " + certificate.getSubjectX500Principal() + " is revoked";
        }
      }
    }
    X509Certificate leaf = chain[0];
    if (!checks.subjectAltNames().isEmpty() && !hasSan(leaf, checks.subjectAltNames())) {
      return "no subject alternative name of " + checks.subjectAltNames();
    }
    if (!checks.spkiSha256().isEmpty()
        && !checks
            .spkiSha256()
            .contains(
                Base64.getEncoder().encodeToString(sha256(leaf.getPublicKey().getEncoded())))) {
      return "SPKI hash not in verifyCertificateSpki";
    }
    if (!checks.certificateSha256().isEmpty()
        && !checks.certificateSha256().contains(certificateSha256(leaf))) {
      return "certificate hash not in verifyCertificateHash";
    }
    return null;
  }

  /** The hex SHA-256 of {@code certificate}'s DER, lowercase. */
  static String certificateSha256(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(sha256(certificate.getEncoded()));
    } catch (CertificateEncodingException e) {
      return "";
    }
  }

  /** Whether a DNS (2), URI (6), IP (7) or email (1) SAN of {@code leaf} is one of {@code sans}. */
  private static boolean hasSan(X509Certificate leaf, List<String> sans) {
    Collection<List<?>> names;
    try {
      names = leaf.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return false;
    }
    if (names == null) {
      return false;
    }
    for (List<?> name : names) {
      int type = (Integer) name.get(0);
      boolean textual = type == 1 || type == 2 || type == 6 || type == 7;
      if (textual && sans.contains(String.valueOf(name.get(1)))) {
        return true;
      }
    }
    return false;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required algorithm", e);
    }
  }

  private static ByteArrayInputStream ascii(String pem) {
    return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
  }

  /** PKIX first, then the checks; only client chains are checked (this is a server). */
  private static final class Checked extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final ClientCertificateChecks checks;
    private final List<X509CRL> crls;

    Checked(X509ExtendedTrustManager pkix, ClientCertificateChecks checks, List<X509CRL> crls) {
      this.pkix = pkix;
      this.checks = checks;
      this.crls = List.copyOf(crls);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      pkix.checkClientTrusted(chain, authType, engine);
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      pkix.checkClientTrusted(chain, authType, socket);
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      pkix.checkClientTrusted(chain, authType);
      check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
      String rejection = rejection(chain, checks, crls);
      if (rejection != null) {
        throw new CertificateException("client certificate rejected: " + rejection);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      pkix.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      pkix.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      pkix.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return pkix.getAcceptedIssuers();
    }
  }
}
