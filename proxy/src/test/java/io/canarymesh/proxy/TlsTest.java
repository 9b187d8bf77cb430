package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** A Gateway server with {@code tls.mode: SIMPLE} terminates TLS with the given files. */
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
}
