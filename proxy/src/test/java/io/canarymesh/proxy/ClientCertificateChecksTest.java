package io.canarymesh.proxy;

import static io.canarymesh.proxy.TestPki.FAILED;
import static io.canarymesh.proxy.TestPki.dns;
import static io.canarymesh.proxy.TestPki.issued;
import static io.canarymesh.proxy.TestPki.pem;
import static io.canarymesh.proxy.TestPki.request;
import static io.canarymesh.proxy.TestPki.uri;
import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.proxy.TestPki.Issued;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MUTUAL Gateway server's further client-certificate checks ({@code subjectAltNames}, {@code
 * verifyCertificateSpki}, {@code verifyCertificateHash}, {@code caCrl} and the Secret's {@code
 * ca.crl}) fail the handshake of a client that does not pass them, and {@code
 * x-forwarded-client-cert} describes the certificate a client presented, replacing any the client
 * sent. Every certificate is generated here; every request goes through a real proxy to a real
 * backend.
 */
@ExtendWith(LeakCheck.class)
class ClientCertificateChecksTest {
  @TempDir Path dir;

  private SelfSignedCertificate server;
  private Issued ca;

  @BeforeEach
  void setUp() throws Exception {
    server = new SelfSignedCertificate("bank.test");
    ca = TestPki.ca("client-ca.test");
  }

  @AfterEach
  void tearDown() {
    server.delete();
  }

  @Test
  void aClientMustCarryOneOfTheListedSubjectAltNames() throws Exception {
    Issued byDns = issued("a.test", ca, dns("a.client.test"));
    Issued byUri = issued("b.test", ca, uri("spiffe://bank/ns/pay/sa/teller"));
    Issued other = issued("c.test", ca, dns("c.client.test"), uri("spiffe://bank/ns/x/sa/y"));
    Issued none = issued("d.test", ca);
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2");
        ProxyFixture proxy =
            proxy(
                v1,
                v2,
                "subjectAltNames: [a.client.test, \"spiffe://bank/ns/pay/sa/teller\"]",
                "")) {
      int port = port(proxy);
      assertThat(request(port, byDns, "")).startsWith("HTTP/1.1 200");
      assertThat(request(port, byUri, "")).startsWith("HTTP/1.1 200");
      assertThat(request(port, other, "")).isEqualTo(FAILED);
      assertThat(request(port, none, "")).isEqualTo(FAILED);
      assertThat(request(port, byDns, "")).startsWith("HTTP/1.1 200"); // still serving
    }
  }

  @Test
  void spkiAndCertificateHashesMustMatchWhenListed() throws Exception {
    Issued pinned = issued("pinned.test", ca);
    Issued other = issued("other.test", ca);
    String spki =
        Base64.getEncoder()
            .encodeToString(sha256(pinned.certificate().getPublicKey().getEncoded()));
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2");
        ProxyFixture proxy = proxy(v1, v2, "verifyCertificateSpki: [\"" + spki + "\"]", "")) {
      int port = port(proxy);
      assertThat(request(port, pinned, "")).startsWith("HTTP/1.1 200");
      assertThat(request(port, other, "")).isEqualTo(FAILED);
    }
    // as openssl prints it: uppercase, colon-separated
    String hash =
        HexFormat.ofDelimiter(":")
            .formatHex(sha256(pinned.certificate().getEncoded()))
            .toUpperCase(Locale.ROOT);
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2");
        ProxyFixture proxy = proxy(v1, v2, "verifyCertificateHash: [\"" + hash + "\"]", "")) {
      int port = port(proxy);
      assertThat(request(port, pinned, "")).startsWith("HTTP/1.1 200");
      assertThat(request(port, other, "")).isEqualTo(FAILED);
    }
  }

  @Test
  void aCaCrlFileRevokesItsCertificatesOnly() throws Exception {
    Issued revoked = issued("revoked.test", ca);
    Issued good = issued("good.test", ca);
    Path crl = Files.writeString(dir.resolve("ca.crl"), pem(TestPki.crl(ca, revoked)));
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2");
        ProxyFixture proxy = proxy(v1, v2, "caCrl: " + crl.toAbsolutePath(), "")) {
      int port = port(proxy);
      assertThat(request(port, revoked, "")).isEqualTo(FAILED);
      assertThat(request(port, good, "")).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void theCrlOfTheCaSecretRevokesToo() throws Exception {
    Issued revoked = issued("revoked.test", ca);
    Issued good = issued("good.test", ca);
    String crl = "  ca.crl: " + base64(pem(TestPki.crl(ca, revoked))) + "\n";
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2");
        ProxyFixture proxy = proxy(v1, v2, "", crl)) {
      assertThat(
              proxy
                  .proxy
                  .table()
                  .listeners()
                  .getFirst()
                  .tls()
                  .orElseThrow()
                  .clientChecks()
                  .crlSecret())
          .contains("istio-system/bank-cert");
      int port = port(proxy);
      assertThat(request(port, revoked, "")).isEqualTo(FAILED);
      assertThat(request(port, good, "")).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void xfccDescribesThePresentedCertificateAndReplacesTheClientsOwn() throws Exception {
    Issued client =
        issued(
            "teller.test",
            ca,
            uri("spiffe://bank/ns/pay/sa/teller"),
            dns("teller.bank.test"),
            dns("teller2.bank.test"));
    Issued plain = issued("plain.test", ca);
    String spoofed = "x-forwarded-client-cert: Hash=00;Subject=\"CN=admin\"\r\n";
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2");
        ProxyFixture proxy = proxy(v1, v2, "", "")) {
      int port = port(proxy);

      assertThat(request(port, client, spoofed)).startsWith("HTTP/1.1 200");
      String hash = HexFormat.of().formatHex(sha256(client.certificate().getEncoded()));
      assertThat(v1.lastHeaders)
          .containsEntry(
              "x-forwarded-client-cert",
              "Hash="
                  + hash
                  + ";Subject=\"O=Canary Test,CN=teller.test\""
                  + ";URI=spiffe://bank/ns/pay/sa/teller"
                  + ";DNS=teller.bank.test;DNS=teller2.bank.test");

      assertThat(request(port, plain, spoofed)).startsWith("HTTP/1.1 200");
      assertThat(v1.lastHeaders)
          .containsEntry(
              "x-forwarded-client-cert",
              "Hash="
                  + HexFormat.of().formatHex(sha256(plain.certificate().getEncoded()))
                  + ";Subject=\"O=Canary Test,CN=plain.test\";URI=");
    }
  }

  @Test
  void withoutAClientCertificateASpoofedXfccIsDropped() throws Exception {
    String spoofed = "x-forwarded-client-cert: Hash=00;Subject=\"CN=admin\"\r\n";
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2")) {
      // OPTIONAL_MUTUAL, no certificate presented
      String optional =
          gateway(v1, v2, "{mode: OPTIONAL_MUTUAL, credentialName: bank-cert}")
              + secret(pem(ca.certificate()), "");
      try (ProxyFixture proxy = new ProxyFixture(Tables.compile(1, optional))) {
        assertThat(request(port(proxy), null, spoofed)).startsWith("HTTP/1.1 200");
        assertThat(v1.lastHeaders).doesNotContainKey("x-forwarded-client-cert");
      }
      // a plain HTTP listener
      try (ProxyFixture proxy =
          new ProxyFixture(
              Tables.compile(1, Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, "")))) {
        InetSocketAddress address = proxy.proxy.address("0.0.0.0_8080");
        String response =
            RawHttp.get(address, "bank.test", "/", "x-forwarded-client-cert: By=x;Hash=00");
        assertThat(RawHttp.status(response)).isEqualTo(200);
        assertThat(v1.lastHeaders).doesNotContainKey("x-forwarded-client-cert");
      }
    }
  }

  private int port(ProxyFixture proxy) {
    return proxy.proxy.address("0.0.0.0_8443").getPort();
  }

  /**
   * A proxy with one MUTUAL server on 8443, {@code checks} in its tls, {@code secretExtra} data.
   */
  private ProxyFixture proxy(Backend v1, Backend v2, String checks, String secretExtra)
      throws Exception {
    String tls =
        "{mode: MUTUAL, credentialName: bank-cert" + (checks.isEmpty() ? "" : ", " + checks) + "}";
    return new ProxyFixture(
        Tables.compile(1, gateway(v1, v2, tls) + secret(pem(ca.certificate()), secretExtra)));
  }

  private static String gateway(Backend v1, Backend v2, String tls) {
    return Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, "")
        .replace(
            "- port: {number: 8080, name: http, protocol: HTTP}\n      hosts: [\"*\"]",
            "- port: {number: 8443, name: https, protocol: HTTPS}\n      hosts: [\"*\"]\n"
                + "      tls: "
                + tls);
  }

  /**
   * Secret {@code bank-cert} with the server's certificate and key, {@code ca} and {@code extra}.
   */
  private String secret(String caPem, String extra) throws Exception {
    return "\n---\n"
        + """
        apiVersion: v1
        kind: Secret
        metadata: {name: bank-cert, namespace: istio-system}
        type: kubernetes.io/tls
        data:
          tls.crt: %s
          tls.key: %s
          ca.crt: %s
        """
            .formatted(
                base64(Files.readString(server.certificate().toPath())),
                base64(Files.readString(server.privateKey().toPath())),
                base64(caPem))
        + extra;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
