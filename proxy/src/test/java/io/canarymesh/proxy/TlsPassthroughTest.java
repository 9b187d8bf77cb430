package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Gateway server with {@code tls.mode: PASSTHROUGH} routes connections by the ClientHello's
 * server name to real TLS backends without terminating: the client sees the backend's own
 * certificate.
 */
@ExtendWith(LeakCheck.class)
class TlsPassthroughTest {
  static final String LISTENER = "0.0.0.0_443";

  @Test
  void eachServerNameReachesItsBackendWhichTerminatesTls() throws Exception {
    try (TcpBackend a = TcpBackend.tls("A", "a.example.com");
        TcpBackend b = TcpBackend.tls("B", "b.example.com");
        ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml(a, b)))) {
      int port = proxy.proxy.address(LISTENER).getPort();

      assertThat(exchange(port, "a.example.com")).isEqualTo("CN=a.example.com A:hello");
      assertThat(exchange(port, "b.example.com")).isEqualTo("CN=b.example.com B:hello");
      assertThat(exchange(port, "c.example.com")).isEqualTo(CLOSED);
      assertThat(exchange(port, null)).isEqualTo(CLOSED);
      assertThat(plainBytes(port)).isEqualTo(-1);
      assertThat(exchange(port, "a.example.com")).isEqualTo("CN=a.example.com A:hello");

      proxy.metricsContaining(
          "istio_tcp_connections_closed_total{destination_service=\"unknown\","
              + "destination_version=\"unknown\",destination_workload=\"unknown\","
              + "reporter=\"source\",request_protocol=\"tcp\",response_flags=\"NR\","
              + "source_workload=\"istio-ingressgateway\"} 3.0",
          "istio_tcp_connections_opened_total{destination_service=\"a.example.com\"");
      assertThat(proxy.metrics())
          .contains("istio_tcp_sent_bytes_total{destination_service=\"a.example.com\"")
          .contains("istio_tcp_received_bytes_total{destination_service=\"b.example.com\"");
    }
  }

  @Test
  void aFiftyFiftyRouteSplitsConnectionsExactly() throws Exception {
    try (TcpBackend a = TcpBackend.tls("A", "a.example.com");
        TcpBackend b = TcpBackend.tls("B", "b.example.com");
        ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml(a, b)))) {
      int port = proxy.proxy.address(LISTENER).getPort();
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < 20; i++) {
        seen.merge(exchange(port, "split.example.com"), 1, Integer::sum);
      }
      assertThat(seen)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("CN=a.example.com A:hello", 10, "CN=b.example.com B:hello", 10));
      assertThat(a.connections.get()).isEqualTo(10);
      assertThat(b.connections.get()).isEqualTo(10);
    }
  }

  @Test
  void aSilentClientIsClosedAfterTheHandshakeTimeout() throws Exception {
    try (TcpBackend a = TcpBackend.tls("A", "a.example.com");
        TcpBackend b = TcpBackend.tls("B", "b.example.com");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(1, yaml(a, b)),
                builder -> builder.requestHeadersTimeout(java.time.Duration.ofMillis(300)))) {
      try (Socket silent = new Socket("127.0.0.1", proxy.proxy.address(LISTENER).getPort())) {
        silent.setSoTimeout(10_000);
        assertThat(readOrReset(silent)).isEqualTo(-1);
      }
      assertThat(a.connections.get() + b.connections.get()).isZero();
    }
  }

  @Test
  void anOversizedClientHelloIsClosedAtOnce() throws Exception {
    try (TcpBackend a = TcpBackend.tls("A", "a.example.com");
        TcpBackend b = TcpBackend.tls("B", "b.example.com");
        ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml(a, b)))) {
      int port = proxy.proxy.address(LISTENER).getPort();
      try (Socket oversized = new Socket("127.0.0.1", port)) {
        oversized.setSoTimeout(5_000); // well before the 10 s handshake timeout
        // one full TLS record whose handshake message claims 960 KiB: over the 64 KiB limit
        byte[] record = new byte[5 + 16384];
        record[0] = 0x16;
        record[1] = 0x03;
        record[2] = 0x01;
        record[3] = 0x40;
        record[5] = 0x01;
        record[6] = 0x0f;
        oversized.getOutputStream().write(record);
        assertThat(readOrReset(oversized)).isEqualTo(-1);
      }
      assertThat(a.connections.get() + b.connections.get()).isZero();
      assertThat(exchange(port, "a.example.com")).isEqualTo("CN=a.example.com A:hello");
    }
  }

  private static int readOrReset(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read();
    } catch (java.net.SocketException reset) {
      return -1;
    }
  }

  static final String CLOSED = "closed";

  /**
   * A TLS handshake with {@code serverName} as SNI (none when null), trusting any certificate, then
   * one line: the peer certificate's subject and the answer, or {@link #CLOSED}.
   */
  static String exchange(int port, String serverName) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(
          serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      OutputStream out = socket.getOutputStream();
      out.write("hello\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return peer.getSubjectX500Principal().getName() + " " + line;
    } catch (IOException e) {
      return CLOSED;
    }
  }

  /** Sends an HTTP request to the passthrough port; the first read's result (-1: closed). */
  private static int plainBytes(int port) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: a.example.com\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      try {
        return socket.getInputStream().read();
      } catch (IOException reset) {
        return -1;
      }
    }
  }

  /** ServiceEntries for both backends, a passthrough Gateway on 443 and the tls routes. */
  static String yaml(TcpBackend a, TcpBackend b) {
    return serviceEntry("a", a.port())
        + serviceEntry("b", b.port())
        + """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: sni, namespace: default}
        spec:
          selector: {istio: ingressgateway}
          servers:
            - port: {number: 443, name: tls, protocol: TLS}
              hosts: ["*.example.com"]
              tls: {mode: PASSTHROUGH}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: edge, namespace: default}
        spec:
          hosts: ["*.example.com"]
          gateways: [sni]
          tls:
            - match: [{sniHosts: [a.example.com]}]
              route: [{destination: {host: a.example.com, port: {number: 443}}}]
            - match: [{sniHosts: [b.example.com]}]
              route: [{destination: {host: b.example.com, port: {number: 443}}}]
            - match: [{sniHosts: [split.example.com]}]
              route:
                - {destination: {host: a.example.com, port: {number: 443}}, weight: 50}
                - {destination: {host: b.example.com, port: {number: 443}}, weight: 50}
        """;
  }

  private static String serviceEntry(String name, int port) {
    return """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: %s, namespace: default}
        spec:
          hosts: [%s.example.com]
          location: MESH_EXTERNAL
          resolution: STATIC
          ports: [{number: 443, name: tls, protocol: TLS}]
          endpoints: [{address: 127.0.0.1, ports: {tls: %d}}]
        ---
        """
        .formatted(name, name, port);
  }
}
