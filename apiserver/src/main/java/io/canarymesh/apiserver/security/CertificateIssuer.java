package io.canarymesh.apiserver.security;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the two certificates of the API server: a self-signed CA and the server certificate it
 * signs. Keys are ECDSA P-256 signed with SHA-256, which Go's crypto/tls (kubectl) and the JDK both
 * accept. Time and randomness come in, so the output depends only on the arguments.
 */
final class CertificateIssuer {
  static final String CA_COMMON_NAME = "canary-mesh-ca";
  static final String SERVER_COMMON_NAME = "canary-mesh-apiserver";
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration SERVER_VALIDITY = Duration.ofDays(365);

  /**
   * notBefore lies this far in the past, as in client-go's {@code GenerateSelfSignedCertKey}, so a
   * client whose clock is a little behind still accepts a certificate issued a second ago.
   */
  static final Duration BACKDATE = Duration.ofHours(1);

  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private final SecureRandom random;

  CertificateIssuer(SecureRandom random) {
    this.random = random;
  }

  KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate EC P-256 keys", e);
    }
  }

  /** CN=canary-mesh-ca, CA:true, keyCertSign|cRLSign, valid for ten years from {@code now}. */
  KeyedCertificate certificateAuthority(Instant now) {
    KeyPair keys = newKeyPair();
    X500Name name = commonName(CA_COMMON_NAME);
    try {
      X509v3CertificateBuilder builder =
          builder(name, now, CA_VALIDITY, name, keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions().createSubjectKeyIdentifier(keys.getPublic()));
      return new KeyedCertificate(sign(builder, keys.getPrivate()), keys.getPrivate());
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot encode the CA certificate's extensions", e);
    }
  }

  /**
   * CN=canary-mesh-apiserver for IP:127.0.0.1, IP:::1 and DNS:localhost, serverAuth, valid for one
   * year from {@code now}, signed by {@code ca}.
   */
  KeyedCertificate serverCertificate(KeyedCertificate ca, Instant now) {
    KeyPair keys = newKeyPair();
    X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    GeneralNames subjectAltNames =
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.iPAddress, "::1"),
              new GeneralName(GeneralName.dNSName, "localhost")
            });
    try {
      X509v3CertificateBuilder builder =
          builder(issuer, now, SERVER_VALIDITY, commonName(SERVER_COMMON_NAME), keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(Extension.subjectAlternativeName, false, subjectAltNames)
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions().createSubjectKeyIdentifier(keys.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  authorityKeyIdentifier(ca.certificate()));
      return new KeyedCertificate(sign(builder, ca.key()), keys.getPrivate());
    } catch (CertIOException e) {
      throw new IllegalStateException("cannot encode the server certificate's extensions", e);
    }
  }

  /**
   * A certificate without extensions yet. X.509 times have whole seconds, so both ends are cut to
   * the second here rather than by the encoder.
   */
  private X509v3CertificateBuilder builder(
      X500Name issuer, Instant now, Duration validity, X500Name subject, PublicKey key) {
    Instant start = now.truncatedTo(ChronoUnit.SECONDS);
    return new JcaX509v3CertificateBuilder(
        issuer,
        serialNumber(),
        Date.from(start.minus(BACKDATE)),
        Date.from(start.plus(validity)),
        subject,
        key);
  }

  /** 128 random bits, positive and never zero (RFC 5280 §4.1.2.2 allows up to 20 octets). */
  private BigInteger serialNumber() {
    return new BigInteger(128, random).setBit(0);
  }

  private static X500Name commonName(String cn) {
    return new X500Name("CN=" + cn);
  }

  private static AuthorityKeyIdentifier authorityKeyIdentifier(X509Certificate ca) {
    try {
      return extensions().createAuthorityKeyIdentifier(ca);
    } catch (CertificateException e) {
      throw new IllegalStateException("cannot read the CA certificate's key identifier", e);
    }
  }

  private static JcaX509ExtensionUtils extensions() {
    try {
      return new JcaX509ExtensionUtils();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no SHA-1 for key identifiers", e);
    }
  }

  private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
              .setSecureRandom(random)
              .build(signingKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("cannot sign a certificate with " + SIGNATURE_ALGORITHM, e);
    }
  }
}
