package io.canarymesh.apiserver.security;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Makes the CA and the serving certificate: ECDSA P-256, which Go's TLS (kubectl) accepts. */
final class CertificateFactory {
  static final Duration CA_LIFETIME = Duration.ofDays(3650);
  static final Duration SERVER_LIFETIME = Duration.ofDays(365);

  private final SecureRandom random = new SecureRandom();

  record Issued(KeyPair keys, X509Certificate certificate) {}

  KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC P-256 key generator in this JDK", e);
    }
  }

  Issued certificateAuthority(Instant now) {
    KeyPair keys = newKeyPair();
    X500Name name = new X500Name("CN=canary-mesh-ca");
    try {
      X509v3CertificateBuilder builder = builder(name, name, keys, now, CA_LIFETIME);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
      return new Issued(keys, sign(builder, keys));
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the CA certificate: " + e.getMessage(), e);
    }
  }

  /** A serving certificate for 127.0.0.1, ::1 and localhost, signed by {@code ca}. */
  Issued serverCertificate(Issued ca, Instant now) {
    KeyPair keys = newKeyPair();
    try {
      X509v3CertificateBuilder builder =
          builder(
              new X500Name(ca.certificate().getSubjectX500Principal().getName()),
              new X500Name("CN=canary-mesh-apiserver"),
              keys,
              now,
              SERVER_LIFETIME);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost")
              }));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
      return new Issued(keys, sign(builder, ca.keys()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the server certificate: " + e.getMessage(), e);
    }
  }

  private X509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair keys, Instant now, Duration lifetime) {
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(127, random),
        Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(lifetime)),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws OperatorCreationException, java.security.cert.CertificateException {
    ContentSigner signerOp =
        new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signerOp));
  }
}
