package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.RouteTable;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * A Gateway server with {@code tls.mode: SIMPLE} terminates TLS with the given files, or with the
 * certificate and key of the Secret its {@code credentialName} names.
 */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class TlsTest {
  @Test
  void terminatesTlsAndForwardsInClearWithForwardedProtoHttps() throws Exception {
    SelfSignedCertificate certificate = new SelfSignedCertificate("gateway.test");
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2")) {
      String yaml =
          Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, "")
              .replace(
                  "- port: {number: 8080, name: http, protocol: HTTP}\n      hosts: [\"*\"]",
                  "- port: {number: 8443, name: https, protocol: HTTPS}\n      hosts: [\"*\"]\n"
                      + "      tls: {mode: SIMPLE, serverCertificate: "
                      + certificate.certificate().getAbsolutePath()
                      + ", privateKey: "
                      + certificate.privateKey().getAbsolutePath()
                      + "}");
      try (ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml))) {
        InetSocketAddress address = proxy.proxy.address("0.0.0.0_8443");
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        try (SSLSocket socket =
            (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", address.getPort())) {
          socket.setSoTimeout(10_000);
          OutputStream out = socket.getOutputStream();
          out.write(
              "GET /secure HTTP/1.1\r\nHost: gateway.test\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          String response = RawHttp.readAll(socket.getInputStream());
          assertThat(RawHttp.status(response)).isEqualTo(200);
          assertThat(RawHttp.body(response)).isEqualTo("v1|GET|/secure|0");
        }
        assertThat(v1.lastHeaders).containsEntry("x-forwarded-proto", "https");
      }
    } finally {
      certificate.delete();
    }
  }

  @Test
  void servesTheCertificateOfTheCredentialSecretAndFollowsItsRotation() throws Exception {
    SelfSignedCertificate first = new SelfSignedCertificate("shop.test");
    SelfSignedCertificate second = new SelfSignedCertificate("shop.test");
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2")) {
      try (ProxyFixture proxy = new ProxyFixture(credentialTable(1, v1, v2, first))) {
        int port = proxy.proxy.address("0.0.0.0_8443").getPort();
        assertThat(get(port)).isEqualTo("v1|GET|/secure|0");
        assertThat(servedCertificate(port)).isEqualTo(first.cert());
        assertThat(v1.lastHeaders).containsEntry("x-forwarded-proto", "https");

        proxy.proxy.update(credentialTable(2, v1, v2, second)); // the Secret rotated
        assertThat(proxy.proxy.address("0.0.0.0_8443").getPort()).isEqualTo(port);
        assertThat(servedCertificate(port)).isEqualTo(second.cert());
        assertThat(get(port)).isEqualTo("v1|GET|/secure|0");
      }
    } finally {
      first.delete();
      second.delete();
    }
  }

  /** The Gateway's server on 8443 names {@code shop-cert}, a kubernetes.io/tls Secret. */
  private static RouteTable credentialTable(
      long version, Backend v1, Backend v2, SelfSignedCertificate certificate) throws IOException {
    String yaml =
        Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, "")
                .replace(
                    "- port: {number: 8080, name: http, protocol: HTTP}\n      hosts: [\"*\"]",
                    "- port: {number: 8443, name: https, protocol: HTTPS}\n      hosts: [\"*\"]\n"
                        + "      tls: {mode: SIMPLE, credentialName: shop-cert}")
            + "\n---\n"
            + """
            apiVersion: v1
            kind: Secret
            metadata: {name: shop-cert, namespace: istio-system}
            type: kubernetes.io/tls
            data:
              tls.crt: %s
              tls.key: %s
            """
                .formatted(
                    base64(Files.readString(certificate.certificate().toPath())),
                    base64(Files.readString(certificate.privateKey().toPath())));
    RouteTable table = Tables.compile(version, yaml);
    assertThat(table.listeners().getFirst().tls().orElseThrow().credential()).isPresent();
    return table;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static SSLContext trustingEverything() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
    return context;
  }

  private static String get(int port) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) trustingEverything().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /secure HTTP/1.1\r\nHost: shop.test\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = RawHttp.readAll(socket.getInputStream());
      assertThat(RawHttp.status(response)).isEqualTo(200);
      return RawHttp.body(response);
    }
  }

  private static X509Certificate servedCertificate(int port) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) trustingEverything().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }
}
