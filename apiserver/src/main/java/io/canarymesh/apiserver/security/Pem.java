package io.canarymesh.apiserver.security;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM encoding of certificates and keys, with errors that name the file. */
final class Pem {
  private Pem() {}

  /** PEM of a certificate, or of a private key as PKCS#8 ({@code PRIVATE KEY}). */
  static String encode(Object certificateOrKey) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      if (certificateOrKey instanceof PrivateKey key) {
        writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
      } else {
        writer.writeObject(certificateOrKey);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode PEM", e);
    }
    return text.toString();
  }

  static X509Certificate readCertificate(Path file) {
    Object parsed = parse(file);
    if (!(parsed instanceof X509CertificateHolder holder)) {
      throw new CredentialsException(file, "does not hold a PEM certificate");
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (java.security.cert.CertificateException e) {
      throw new CredentialsException(file, "holds an unreadable certificate: " + e.getMessage());
    }
  }

  static PrivateKey readPrivateKey(Path file) {
    Object parsed = parse(file);
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (parsed instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (parsed instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
    } catch (IOException e) {
      throw new CredentialsException(file, "holds an unreadable private key: " + e.getMessage());
    }
    throw new CredentialsException(file, "does not hold a PEM private key");
  }

  private static Object parse(Path file) {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
      Object parsed = parser.readObject();
      if (parsed == null) {
        throw new CredentialsException(file, "is empty or not PEM");
      }
      return parsed;
    } catch (IOException e) {
      throw new CredentialsException(file, "cannot be read: " + e.getMessage());
    }
  }
}
