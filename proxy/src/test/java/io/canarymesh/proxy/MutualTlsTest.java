package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.mesh.model.ServerTls;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Gateway server with {@code tls.mode: MUTUAL} requires a client certificate signed by its CA:
 * from the credential Secret's {@code ca.crt}, or from the {@code caCertificates} file. The CA and
 * the client certificates are generated here.
 */
@ExtendWith(LeakCheck.class)
class MutualTlsTest {
  private static final AtomicLong SERIAL = new AtomicLong(1);

  @TempDir Path dir;

  @Test
  void aClientCertificateSignedByTheSecretsCaIsRoutedAndOthersFailTheHandshake() throws Exception {
    Issued ca = selfSigned("client-ca.test", true);
    Issued client = issued("client.test", ca);
    Issued stranger = selfSigned("client.test", false);
    SelfSignedCertificate server = new SelfSignedCertificate("bank.test");
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2")) {
      RouteTable table =
          Tables.compile(
              1,
              gateway(v1, v2, "{mode: MUTUAL, credentialName: bank-cert}")
                  + secret(
                      "bank-cert",
                      Files.readString(server.certificate().toPath()),
                      Files.readString(server.privateKey().toPath()),
                      pem(ca.certificate())));
      ServerTls tls = table.listeners().getFirst().tls().orElseThrow();
      assertThat(tls.mode()).isEqualTo(ServerTls.Mode.MUTUAL);
      assertThat(tls.credential().orElseThrow().caCertificatesPem()).isPresent();
      try (ProxyFixture proxy = new ProxyFixture(table)) {
        int port = proxy.proxy.address("0.0.0.0_8443").getPort();

        assertThat(request(port, client)).startsWith("HTTP/1.1 200");
        assertThat(RawHttp.body(request(port, client))).isEqualTo("v1|GET|/secure|0");
        assertThat(v1.lastHeaders).containsEntry("x-forwarded-proto", "https");

        assertThat(request(port, null)).isEqualTo(FAILED);
        assertThat(request(port, stranger)).isEqualTo(FAILED);
        assertThat(request(port, client)).startsWith("HTTP/1.1 200"); // still serving
      }
    } finally {
      server.delete();
    }
  }

  @Test
  void optionalMutualAdmitsClientsWithoutACertificateButVerifiesAPresentedOne() throws Exception {
    Issued ca = selfSigned("client-ca.test", true);
    Issued client = issued("client.test", ca);
    Issued stranger = selfSigned("client.test", false);
    SelfSignedCertificate server = new SelfSignedCertificate("bank.test");
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2")) {
      RouteTable table =
          Tables.compile(
              1,
              gateway(v1, v2, "{mode: OPTIONAL_MUTUAL, credentialName: bank-cert}")
                  + secret(
                      "bank-cert",
                      Files.readString(server.certificate().toPath()),
                      Files.readString(server.privateKey().toPath()),
                      pem(ca.certificate())));
      assertThat(table.listeners().getFirst().tls().orElseThrow().mode())
          .isEqualTo(ServerTls.Mode.OPTIONAL_MUTUAL);
      try (ProxyFixture proxy = new ProxyFixture(table)) {
        int port = proxy.proxy.address("0.0.0.0_8443").getPort();

        assertThat(request(port, null)).startsWith("HTTP/1.1 200");
        assertThat(request(port, client)).startsWith("HTTP/1.1 200");
        assertThat(request(port, stranger)).isEqualTo(FAILED);
        assertThat(request(port, null)).startsWith("HTTP/1.1 200"); // still serving
      }
    } finally {
      server.delete();
    }
  }

  @Test
  void aChangedCaIsUsedForNewConnections() throws Exception {
    Issued first = selfSigned("first-ca.test", true);
    Issued second = selfSigned("second-ca.test", true);
    Issued firstClient = issued("client.test", first);
    Issued secondClient = issued("client.test", second);
    SelfSignedCertificate server = new SelfSignedCertificate("bank.test");
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2")) {
      String gateway = gateway(v1, v2, "{mode: MUTUAL, credentialName: bank-cert}");
      String cert = Files.readString(server.certificate().toPath());
      String key = Files.readString(server.privateKey().toPath());
      try (ProxyFixture proxy =
          new ProxyFixture(
              Tables.compile(
                  1, gateway + secret("bank-cert", cert, key, pem(first.certificate()))))) {
        int port = proxy.proxy.address("0.0.0.0_8443").getPort();
        assertThat(request(port, firstClient)).startsWith("HTTP/1.1 200");
        assertThat(request(port, secondClient)).isEqualTo(FAILED);

        proxy.proxy.update(
            Tables.compile(2, gateway + secret("bank-cert", cert, key, pem(second.certificate()))));
        assertThat(proxy.proxy.address("0.0.0.0_8443").getPort()).isEqualTo(port);
        assertThat(request(port, secondClient)).startsWith("HTTP/1.1 200");
        assertThat(request(port, firstClient)).isEqualTo(FAILED);
      }
    } finally {
      server.delete();
    }
  }

  @Test
  void filesVerifyClientsWithTheCaCertificatesFile() throws Exception {
    Issued ca = selfSigned("client-ca.test", true);
    Issued client = issued("client.test", ca);
    Issued stranger = selfSigned("client.test", false);
    Path caFile = Files.writeString(dir.resolve("ca.crt"), pem(ca.certificate()));
    SelfSignedCertificate server = new SelfSignedCertificate("bank.test");
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2")) {
      RouteTable table =
          Tables.compile(
              1,
              gateway(
                  v1,
                  v2,
                  "{mode: MUTUAL, serverCertificate: "
                      + server.certificate().getAbsolutePath()
                      + ", privateKey: "
                      + server.privateKey().getAbsolutePath()
                      + ", caCertificates: "
                      + caFile.toAbsolutePath()
                      + "}"));
      try (ProxyFixture proxy = new ProxyFixture(table)) {
        int port = proxy.proxy.address("0.0.0.0_8443").getPort();
        assertThat(request(port, client)).startsWith("HTTP/1.1 200");
        assertThat(request(port, null)).isEqualTo(FAILED);
        assertThat(request(port, stranger)).isEqualTo(FAILED);
      }
    } finally {
      server.delete();
    }
  }

  private static final String FAILED = "handshake failed";

  /** A certificate and its key. */
  private record Issued(X509Certificate certificate, PrivateKey key) {}

  private static Issued selfSigned(String name, boolean ca) throws Exception {
    KeyPair keys = keys();
    return new Issued(sign(name, keys, name, keys.getPrivate(), ca), keys.getPrivate());
  }

  private static Issued issued(String name, Issued ca) throws Exception {
    KeyPair keys = keys();
    String issuer = ca.certificate().getSubjectX500Principal().getName().substring(3);
    return new Issued(sign(name, keys, issuer, ca.key(), false), keys.getPrivate());
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(
      String subject, KeyPair keys, String issuer, PrivateKey signer, boolean ca) throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=" + issuer),
            BigInteger.valueOf(SERIAL.getAndIncrement()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name("CN=" + subject),
            keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  private static String pem(X509Certificate certificate) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /** The Gateway's only server: HTTPS on 8443 with {@code tls}. */
  private static String gateway(Backend v1, Backend v2, String tls) {
    return Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, "")
        .replace(
            "- port: {number: 8080, name: http, protocol: HTTP}\n      hosts: [\"*\"]",
            "- port: {number: 8443, name: https, protocol: HTTPS}\n      hosts: [\"*\"]\n"
                + "      tls: "
                + tls);
  }

  /** A kubernetes.io/tls Secret in istio-system with {@code ca.crt}. */
  private static String secret(String name, String certificate, String key, String ca) {
    return "\n---\n"
        + """
        apiVersion: v1
        kind: Secret
        metadata: {name: %s, namespace: istio-system}
        type: kubernetes.io/tls
        data:
          tls.crt: %s
          tls.key: %s
          ca.crt: %s
        """
            .formatted(name, base64(certificate), base64(key), base64(ca));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * {@code GET /secure} presenting {@code client} (none when null): the raw response, or {@link
   * #FAILED} when the handshake fails. With TLS 1.3 the server's verdict on the client certificate
   * may arrive only at the first read, so a connection that answers nothing counts as failed too.
   */
  private static String request(int port, Issued client) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        keyManagers(client), InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /secure HTTP/1.1\r\nHost: bank.test\r\nConnection: close\r\n\r\n"
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

  /**
   * Offers the client certificate whatever CAs the server names: the JDK's own key manager would
   * send none when the issuer is not among them, and a stranger must really present its own.
   */
  private static final class Presenting extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager keys;

    Presenting(X509ExtendedKeyManager keys) {
      this.keys = keys;
    }

    @Override
    public String chooseEngineClientAlias(
        String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
      return "client";
    }

    @Override
    public String chooseClientAlias(
        String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
      return "client";
    }

    @Override
    public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
      return new String[] {"client"};
    }

    @Override
    public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(
        String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
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
