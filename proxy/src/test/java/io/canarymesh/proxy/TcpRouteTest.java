package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.canarymesh.mesh.model.RouteTable;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Gateway TCP server relays whole connections by VirtualService {@code tcp} routes to real Netty
 * backends: both directions with backpressure and half-close, {@code maxConnections} overflow, no
 * endpoint, and a table swap under an open connection.
 */
@ExtendWith(LeakCheck.class)
class TcpRouteTest {
  static final String LISTENER = "0.0.0.0_31400";

  @Test
  void relaysALargePayloadBothWaysAndPassesTheHalfCloseOn() throws Exception {
    byte[] payload = new byte[8 * 1024 * 1024];
    new Random(42).nextBytes(payload);
    try (TcpBackend v1 = TcpBackend.echo("v1");
        TcpBackend v2 = TcpBackend.echo("v2");
        ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml(v1, v2, "v1", 100)))) {
      try (Socket socket = connect(proxy)) {
        CompletableFuture<Void> writer =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    socket.getOutputStream().write(payload);
                    socket.shutdownOutput(); // the echo answers its FIN with its own after the rest
                  } catch (IOException e) {
                    throw new RuntimeException(e);
                  }
                });
        byte[] echoed = socket.getInputStream().readAllBytes(); // until the relayed FIN
        writer.get(30, TimeUnit.SECONDS);
        assertThat(echoed.length).isEqualTo(payload.length);
        assertThat(Arrays.equals(echoed, payload)).isTrue();
      }
      assertThat(v1.connections.get()).isEqualTo(1);
      assertThat(v2.connections.get()).isZero();
      proxy.metricsContaining(
          "istio_tcp_received_bytes_total{destination_service=\"echo.test\","
              + "destination_version=\"v1\",destination_workload=\"unknown\",reporter=\"source\","
              + "request_protocol=\"tcp\",response_flags=\"-\","
              + "source_workload=\"istio-ingressgateway\"} 8388608.0",
          "istio_tcp_sent_bytes_total{destination_service=\"echo.test\","
              + "destination_version=\"v1\",destination_workload=\"unknown\",reporter=\"source\","
              + "request_protocol=\"tcp\",response_flags=\"-\","
              + "source_workload=\"istio-ingressgateway\"} 8388608.0");
    }
  }

  @Test
  void aSlowUpstreamStopsReadingFromTheClient() throws Exception {
    long total = 64L * 1024 * 1024;
    try (TcpBackend sink = TcpBackend.sink("sink");
        TcpBackend v2 = TcpBackend.echo("v2");
        ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml(sink, v2, "v1", 100)))) {
      try (Socket socket = connect(proxy)) {
        AtomicLong written = new AtomicLong();
        CompletableFuture<Void> writer =
            CompletableFuture.runAsync(
                () -> {
                  byte[] chunk = new byte[64 * 1024];
                  try {
                    OutputStream out = socket.getOutputStream();
                    while (written.get() < total) {
                      out.write(chunk);
                      written.addAndGet(chunk.length);
                    }
                  } catch (IOException e) {
                    throw new RuntimeException(e);
                  }
                });
        long[] last = {-1};
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  long now = written.get();
                  boolean stalled = now == last[0];
                  last[0] = now;
                  return stalled;
                });
        // socket buffers hold a few MiB; without backpressure the proxy would take all 64
        assertThat(written.get()).isLessThan(total / 2);
        assertThat(writer).isNotDone();

        sink.drain();
        writer.get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.bytesRead.get() == total);
      }
    }
  }

  @Test
  void overMaxConnectionsANewConnectionIsClosedAndNoEndpointClosesToo() throws Exception {
    try (TcpBackend v1 = TcpBackend.echo("v1");
        TcpBackend v2 = TcpBackend.echo("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(1, yaml(v1, v2, "v1", 1) + route("empty", "v3", "/empty")))) {
      try (Socket first = connect(proxy)) {
        assertThat(echo(first, "one")).isEqualTo("one");
        try (Socket second = connect(proxy)) {
          assertThat(second.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(echo(first, "still")).isEqualTo("still");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> v1.open.get() == 0);
      try (Socket third = connect(proxy)) {
        assertThat(echo(third, "three")).isEqualTo("three");
      }
      assertThat(v1.connections.get()).isEqualTo(2);
      proxy.metricsContaining(
          "canary_upstream_overflow_total{cluster=\"outbound|7000|v1|echo.test\","
              + "limit=\"maxConnections\"} 1.0",
          "response_flags=\"UO\"");

      int emptyPort = proxy.proxy.address("0.0.0.0_31401").getPort();
      try (Socket socket = new Socket("127.0.0.1", emptyPort)) {
        socket.setSoTimeout(10_000);
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
      }
      proxy.metricsContaining("destination_version=\"v3\"", "response_flags=\"UH\"");
    }
  }

  @Test
  void aTableSwapKeepsAnOpenConnectionAndRoutesNewOnesByTheNewTable() throws Exception {
    try (TcpBackend v1 = TcpBackend.echo("v1");
        TcpBackend v2 = TcpBackend.echo("v2");
        ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml(v1, v2, "v1", 100)))) {
      int port = proxy.proxy.address(LISTENER).getPort();
      try (Socket kept = connect(proxy)) {
        assertThat(echo(kept, "before")).isEqualTo("before");

        RouteTable next = Tables.compile(2, yaml(v1, v2, "v2", 100));
        proxy.proxy.update(next);
        assertThat(proxy.proxy.address(LISTENER).getPort()).isEqualTo(port);

        assertThat(echo(kept, "after")).isEqualTo("after");
        try (Socket fresh = connect(proxy)) {
          assertThat(echo(fresh, "new")).isEqualTo("new");
        }
        assertThat(echo(kept, "still")).isEqualTo("still");
      }
      assertThat(v1.connections.get()).isEqualTo(1);
      assertThat(v2.connections.get()).isEqualTo(1);
    }
  }

  @Test
  void destinationSubnetsAreMatchedAgainstTheAddressTheClientConnectedTo() throws Exception {
    try (TcpBackend v1 = TcpBackend.echo("v1");
        TcpBackend v2 = TcpBackend.echo("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1,
                    yaml(v1, v2, "v1", 100)
                        .replace(
                            "    - route: [{destination: {host: echo.test, subset: v1",
                            """
                                - match: [{destinationSubnets: [10.0.0.0/8]}]
                                  route: [{destination: {host: echo.test, subset: v2, port: {number: 7000}}}]
                                - match: [{destinationSubnets: [127.0.0.0/8]}]
                                  route: [{destination: {host: echo.test, subset: v1, port: {number: 7000}}}]
                                - route: [{destination: {host: echo.test, subset: v2"""
                                .indent(4)
                                .stripTrailing())))) {
      try (Socket socket = connect(proxy)) {
        assertThat(echo(socket, "local")).isEqualTo("local");
      }
      assertThat(v1.connections.get()).isEqualTo(1);
      assertThat(v2.connections.get()).isZero();
    }
  }

  @Test
  void aTlsServerThatTerminatesRelaysTheDecryptedBytes() throws Exception {
    SelfSignedCertificate certificate = new SelfSignedCertificate("tcp.test");
    try (TcpBackend v1 = TcpBackend.echo("v1");
        TcpBackend v2 = TcpBackend.echo("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1,
                    yaml(v1, v2, "v1", 100)
                        .replace(
                            "{number: 31400, name: tcp, protocol: TCP}",
                            "{number: 31400, name: tls, protocol: TLS}\n"
                                + "      tls: {mode: SIMPLE, serverCertificate: "
                                + certificate.certificate().getAbsolutePath()
                                + ", privateKey: "
                                + certificate.privateKey().getAbsolutePath()
                                + "}")))) {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
      try (SSLSocket socket =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket("127.0.0.1", proxy.proxy.address(LISTENER).getPort())) {
        socket.setSoTimeout(20_000);
        socket.startHandshake();
        assertThat(
                ((X509Certificate) socket.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName())
            .isEqualTo("CN=tcp.test");
        assertThat(echo(socket, "decrypted")).isEqualTo("decrypted");
      }
      assertThat(v1.connections.get()).isEqualTo(1);
    } finally {
      certificate.delete();
    }
  }

  @Test
  void anUpstreamThatRefusesClosesTheClientWithUf() throws Exception {
    int closedPort;
    try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = unused.getLocalPort();
    }
    try (TcpBackend v2 = TcpBackend.echo("v2");
        ProxyFixture proxy =
            new ProxyFixture(Tables.compile(1, yaml(closedPort, v2.port(), "v1", 100)))) {
      try (Socket socket = connect(proxy)) {
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
      }
      proxy.metricsContaining(
          "istio_tcp_connections_closed_total{destination_service=\"echo.test\","
              + "destination_version=\"v1\",destination_workload=\"unknown\","
              + "reporter=\"source\",request_protocol=\"tcp\",response_flags=\"UF\"");
    }
  }

  @Test
  void closingTheProxyClosesRelayedConnectionsOnBothSides() throws Exception {
    try (TcpBackend v1 = TcpBackend.echo("v1");
        TcpBackend v2 = TcpBackend.echo("v2");
        ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml(v1, v2, "v1", 100)))) {
      try (Socket socket = connect(proxy)) {
        assertThat(echo(socket, "open")).isEqualTo("open");
        proxy.proxy.close();
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> v1.open.get() == 0);
    }
  }

  private static Socket connect(ProxyFixture proxy) throws IOException {
    Socket socket = new Socket("127.0.0.1", proxy.proxy.address(LISTENER).getPort());
    socket.setSoTimeout(20_000);
    return socket;
  }

  /** Writes {@code text} and reads as many bytes back. */
  private static String echo(Socket socket, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream back = new ByteArrayOutputStream();
    while (back.size() < bytes.length) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      back.write(b);
    }
    return back.toString(StandardCharsets.US_ASCII);
  }

  /**
   * ServiceEntry {@code echo.test} with endpoints {@code v1} and {@code v2}, subsets v1, v2 and v3
   * (no endpoint), {@code tcp.maxConnections}, and a TCP gateway on 31400 whose tcp route goes to
   * {@code subset}.
   */
  static String yaml(TcpBackend v1, TcpBackend v2, String subset, int maxConnections) {
    return yaml(v1.port(), v2.port(), subset, maxConnections);
  }

  static String yaml(int v1Port, int v2Port, String subset, int maxConnections) {
    return """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: echo, namespace: default}
        spec:
          hosts: [echo.test]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 7000, name: tcp, protocol: TCP}]
          endpoints:
            - {address: 127.0.0.1, ports: {tcp: %d}, labels: {version: v1}}
            - {address: 127.0.0.1, ports: {tcp: %d}, labels: {version: v2}}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: echo, namespace: default}
        spec:
          host: echo.test
          trafficPolicy:
            connectionPool:
              tcp: {maxConnections: %d, connectTimeout: 2s}
          subsets:
            - {name: v1, labels: {version: v1}}
            - {name: v2, labels: {version: v2}}
            - {name: v3, labels: {version: v3}}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: tcp, namespace: default}
        spec:
          selector: {istio: ingressgateway}
          servers:
            - port: {number: 31400, name: tcp, protocol: TCP}
              hosts: ["*"]
        ---
        """
            .formatted(v1Port, v2Port, maxConnections)
        + route("echo", subset, "");
  }

  /** A VirtualService on the TCP gateway (on port 31401 when {@code second} is not empty). */
  private static String route(String name, String subset, String second) {
    String gateway = second.isEmpty() ? "tcp" : "tcp-" + name;
    String extraGateway =
        second.isEmpty()
            ? ""
            : """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: %s, namespace: default}
            spec:
              selector: {istio: ingressgateway}
              servers:
                - port: {number: 31401, name: tcp, protocol: TCP}
                  hosts: ["*"]
            ---
            """
                .formatted(gateway);
    return extraGateway
        + """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: %s, namespace: default}
        spec:
          hosts: ["*"]
          gateways: [%s]
          tcp:
            - route: [{destination: {host: echo.test, subset: %s, port: {number: 7000}}}]
        ---
        """
            .formatted(name, gateway, subset);
  }
}
