package io.canarymesh.apiserver.security;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM text for certificates ({@code CERTIFICATE}) and private keys (written as PKCS#8 {@code
 * PRIVATE KEY}, which Go, OpenSSL and Netty all read; OpenSSL's older {@code EC PRIVATE KEY} and
 * {@code RSA PRIVATE KEY} are read too). Reading reports every problem as a {@link
 * CredentialFileException} naming the file.
 */
final class Pem {
  private Pem() {}

  static String encode(X509Certificate certificate) {
    return write(certificate);
  }

  static String encode(PrivateKey key) {
    try {
      return write(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The certificate in {@code file}, or empty when there is no such file. */
  static Optional<X509Certificate> readCertificate(Path file) {
    return readObject(file, "CERTIFICATE").map(object -> toCertificate(file, object));
  }

  /** The private key in {@code file}, or empty when there is no such file. */
  static Optional<PrivateKey> readPrivateKey(Path file) {
    return readObject(file, "PRIVATE KEY").map(object -> toPrivateKey(file, object));
  }

  private static X509Certificate toCertificate(Path file, Object object) {
    if (!(object instanceof X509CertificateHolder holder)) {
      throw wrongContent(file, "CERTIFICATE", object);
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new CredentialFileException(
          file, "not a valid X.509 certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey toPrivateKey(Path file, Object object) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (object instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair).getPrivate();
      }
    } catch (IOException e) {
      throw new CredentialFileException(file, "not a valid private key: " + e.getMessage(), e);
    }
    throw wrongContent(file, "PRIVATE KEY", object);
  }

  /** The first PEM object of {@code file}; empty only when the file does not exist. */
  private static Optional<Object> readObject(Path file, String expected) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CredentialFileException(file, "cannot read: " + e, e);
    }
    Object object;
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      object = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new CredentialFileException(file, "malformed PEM: " + e.getMessage(), e);
    }
    if (object == null) {
      throw new CredentialFileException(
          file, "no PEM block found (expected -----BEGIN " + expected + "-----)");
    }
    return Optional.of(object);
  }

  private static CredentialFileException wrongContent(Path file, String expected, Object found) {
    return new CredentialFileException(
        file, "expected a PEM " + expected + " but found " + found.getClass().getSimpleName());
  }

  private static String write(Object object) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
