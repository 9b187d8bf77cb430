package io.canarymesh.proxy;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates, CRLs and a TLS client for the client-certificate tests: a CA, certificates it signs
 * with chosen SANs, a CRL revoking some of them, and {@code GET /secure} presenting one.
 */
final class TestPki {
  static final String FAILED = "handshake failed";
  private static final AtomicLong SERIAL = new AtomicLong(1000);

  private TestPki() {}

  /** A certificate and its key. */
  record Issued(X509Certificate certificate, PrivateKey key) {}

  static Issued ca(String name) throws Exception {
    KeyPair keys = keys();
    return new Issued(sign(name, keys, name, keys.getPrivate(), true, null), keys.getPrivate());
  }

  /**
   * A client certificate for {@code name} signed by {@code ca}, with {@code sans} (may be none).
   */
  static Issued issued(String name, Issued ca, GeneralName... sans) throws Exception {
    KeyPair keys = keys();
    String issuer = ca.certificate().getSubjectX500Principal().getName().substring(3);
    GeneralNames names = sans.length == 0 ? null : new GeneralNames(sans);
    return new Issued(sign(name, keys, issuer, ca.key(), false, names), keys.getPrivate());
  }

  static GeneralName dns(String name) {
    return new GeneralName(GeneralName.dNSName, name);
  }

  static GeneralName uri(String uri) {
    return new GeneralName(GeneralName.uniformResourceIdentifier, uri);
  }

  /** A CRL from {@code ca} revoking {@code revoked}. */
  static X509CRL crl(Issued ca, Issued... revoked) throws Exception {
    Instant now = Instant.now();
    X509v2CRLBuilder builder =
        new X509v2CRLBuilder(
            new X500Name(ca.certificate().getSubjectX500Principal().getName()),
            Date.from(now.minus(Duration.ofMinutes(5))));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
    for (Issued certificate : revoked) {
      builder.addCRLEntry(
          certificate.certificate().getSerialNumber(),
          Date.from(now.minus(Duration.ofMinutes(1))),
          CRLReason.keyCompromise);
    }
    return new JcaX509CRLConverter()
        .getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key())));
  }

  static String pem(X509Certificate certificate) throws Exception {
    return pem("CERTIFICATE", certificate.getEncoded());
  }

  static String pem(X509CRL crl) throws Exception {
    return pem("X509 CRL", crl.getEncoded());
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      String subject, KeyPair keys, String issuer, PrivateKey signer, boolean ca, GeneralNames sans)
      throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=" + issuer),
            BigInteger.valueOf(SERIAL.getAndIncrement()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name("CN=" + subject + (ca ? "" : ",O=Canary Test")),
            keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (sans != null) {
      builder.addExtension(Extension.subjectAlternativeName, false, sans);
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  /**
   * {@code GET /secure} presenting {@code client} (none when null) with {@code extraHeaders}
   * (CRLF-terminated lines): the raw response, or {@link #FAILED} when the handshake fails (with
   * TLS 1.3 the verdict may arrive only at the first read, so no answer counts as failed too).
   */
  static String request(int port, Issued client, String extraHeaders) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        keyManagers(client), InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /secure HTTP/1.1\r\nHost: bank.test\r\n"
                  + extraHeaders
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = RawHttp.readAll(socket.getInputStream());
      return response.isEmpty() ? FAILED : response;
    } catch (IOException e) {
      return FAILED;
    }
  }

  private static KeyManager[] keyManagers(Issued client) throws Exception {
    if (client == null) {
      return null;
    }
    char[] password = "test".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", client.key(), password, new Certificate[] {client.certificate()});
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return new KeyManager[] {new Presenting((X509ExtendedKeyManager) factory.getKeyManagers()[0])};
  }

  /** Offers the client certificate whatever CAs the server names. */
  private static final class Presenting extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager keys;

    Presenting(X509ExtendedKeyManager keys) {
      this.keys = keys;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return "client";
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "client";
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return keys.getPrivateKey(alias);
    }
  }
}
