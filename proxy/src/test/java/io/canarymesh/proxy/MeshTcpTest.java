package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.canarymesh.mesh.model.RouteTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service proxy in front of TCP and TLS service ports (mesh listeners bound on loopback, as on
 * a ClusterIP): bytes relayed to real Netty backends, {@code tcp} routes bound to {@code mesh}
 * splitting connections exactly, {@code tls} routes by SNI without terminating, a table swap under
 * an open connection, and the DestinationRule's {@code tcp.idleTimeout}.
 */
@ExtendWith(LeakCheck.class)
class MeshTcpTest {
  static final String TCP_LISTENER = "127.96.0.70_7000";
  static final String TLS_LISTENER = "127.96.0.71_443";

  static {
    LeakCheck.install();
  }

  @Test
  void relaysBytesBothWaysAndPassesTheHalfCloseOn() throws Exception {
    byte[] payload = new byte[4 * 1024 * 1024];
    new Random(7).nextBytes(payload);
    try (TcpBackend v1 = TcpBackend.echo("v1");
        TcpBackend v2 = TcpBackend.echo("v2");
        Proxy proxy = new Proxy(Tables.compile(1, tcpYaml(v1, v2, "", "")))) {
      try (Socket socket = proxy.connect(TCP_LISTENER)) {
        CompletableFuture<Void> writer =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    socket.getOutputStream().write(payload);
                    socket.shutdownOutput(); // the echo answers its FIN with its own
                  } catch (IOException e) {
                    throw new RuntimeException(e);
                  }
                });
        byte[] echoed = socket.getInputStream().readAllBytes(); // until the relayed FIN
        writer.get(30, TimeUnit.SECONDS);
        assertThat(echoed.length).isEqualTo(payload.length);
        assertThat(Arrays.equals(echoed, payload)).isTrue();
      }
      // no VirtualService: the default route to the whole service
      assertThat(v1.connections.get() + v2.connections.get()).isEqualTo(1);
    }
  }

  @Test
  void aTcpRouteBoundToMeshSplitsConnectionsExactlyAndATableSwapKeepsOpenOnes() throws Exception {
    try (TcpBackend v1 = TcpBackend.echo("v1");
        TcpBackend v2 = TcpBackend.echo("v2");
        Proxy proxy = new Proxy(Tables.compile(1, tcpYaml(v1, v2, split(70, 30), "")))) {
      Socket kept = proxy.connect(TCP_LISTENER);
      assertThat(echo(kept, "kept")).isEqualTo("kept");
      for (int i = 0; i < 9; i++) {
        try (Socket socket = proxy.connect(TCP_LISTENER)) {
          assertThat(echo(socket, "n" + i)).isEqualTo("n" + i);
        }
      }
      assertThat(v1.connections.get()).isEqualTo(7);
      assertThat(v2.connections.get()).isEqualTo(3);

      proxy.proxy.update(Tables.compile(2, tcpYaml(v1, v2, split(0, 100), "")));
      assertThat(echo(kept, "still")).isEqualTo("still");
      try (Socket fresh = proxy.connect(TCP_LISTENER)) {
        assertThat(echo(fresh, "fresh")).isEqualTo("fresh");
      }
      assertThat(v1.connections.get()).isEqualTo(7);
      assertThat(v2.connections.get()).isEqualTo(4);
      kept.close();
    }
  }

  @Test
  void aTlsPortRoutesBySniWithoutTerminatingAndTheRestTakesTheDefault() throws Exception {
    try (TcpBackend a = TcpBackend.tls("A", "a.example.com");
        TcpBackend b = TcpBackend.tls("B", "b.example.com");
        Proxy proxy = new Proxy(Tables.compile(1, tlsYaml(a, b)))) {
      int port = proxy.proxy.address(TLS_LISTENER).getPort();
      for (int i = 0; i < 3; i++) {
        assertThat(TlsPassthroughTest.exchange(port, "a.example.com"))
            .isEqualTo("CN=a.example.com A:hello");
        assertThat(TlsPassthroughTest.exchange(port, "b.example.com"))
            .isEqualTo("CN=b.example.com B:hello");
      }
      // no tls route for this name: passed through to the whole service, as Istio does
      Map<String, Integer> other = new HashMap<>();
      for (int i = 0; i < 4; i++) {
        other.merge(TlsPassthroughTest.exchange(port, "other.example.com"), 1, Integer::sum);
      }
      assertThat(other.keySet())
          .isSubsetOf(List.of("CN=a.example.com A:hello", "CN=b.example.com B:hello"));
      assertThat(a.connections.get() + b.connections.get()).isEqualTo(10);
    }
  }

  @Test
  void aClientThatDoesNotSpeakTlsOnATlsPortIsPassedThroughToTheService() throws Exception {
    try (TcpBackend v1 = TcpBackend.echo("v1");
        TcpBackend v2 = TcpBackend.echo("v2")) {
      String tlsPort = tcpYaml(v1, v2, "", "").replace("tcp-echo", "tls-echo");
      String tlsRoute =
          """
          ---
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: echo, namespace: default}
          spec:
            hosts: [echo.mesh, x.example.com]
            tls:
              - match: [{sniHosts: [x.example.com]}]
                route: [{destination: {host: echo.mesh, subset: v1}}]
          """;
      // without tls routes the bytes go straight on; with one, the ClientHello reader finds no
      // TLS and the default route takes the connection
      for (String yaml : List.of(tlsPort, tlsPort + tlsRoute)) {
        try (Proxy proxy =
                new Proxy(Tables.compile(1, yaml.replace("protocol: TCP", "protocol: TLS")));
            Socket socket = proxy.connect(TCP_LISTENER)) {
          assertThat(echo(socket, "plain bytes")).isEqualTo("plain bytes");
        }
      }
      assertThat(v1.connections.get() + v2.connections.get()).isEqualTo(2);
    }
  }

  @Test
  void anIdleRelayedConnectionIsClosedAfterTheTcpIdleTimeoutAndABusyOneIsKept() throws Exception {
    String idle = "  trafficPolicy: {connectionPool: {tcp: {idleTimeout: 300ms}}}\n";
    try (TcpBackend v1 = TcpBackend.echo("v1");
        TcpBackend v2 = TcpBackend.echo("v2");
        Proxy proxy = new Proxy(Tables.compile(1, tcpYaml(v1, v2, "", idle)))) {
      try (Socket quiet = proxy.connect(TCP_LISTENER);
          Socket busy = proxy.connect(TCP_LISTENER)) {
        assertThat(echo(quiet, "q")).isEqualTo("q");
        long start = System.nanoTime();
        // busy: a byte each 100 ms for 1.2 s, four timeouts long
        for (int i = 0; i < 12; i++) {
          await().pollDelay(Duration.ofMillis(100)).until(() -> true);
          assertThat(echo(busy, "b")).isEqualTo("b");
        }
        assertThat(quiet.getInputStream().read()).isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isGreaterThan(Duration.ofMillis(250));
        assertThat(echo(busy, "alive")).isEqualTo("alive");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> v1.open.get() + v2.open.get() == 0);
    }
  }

  /** A proxy whose mesh listeners bind 127.0.0.1:0. */
  private static final class Proxy implements AutoCloseable {
    final MeshProxy proxy;

    Proxy(RouteTable table) {
      proxy =
          MeshProxy.start(
              ProxyConfig.builder(
                      listener ->
                          listener.isMesh()
                              ? List.of(new InetSocketAddress("127.0.0.1", 0))
                              : List.of())
                  .eventLoops(2)
                  .accessLog(false)
                  .drainTimeout(Duration.ofSeconds(5))
                  .build());
      proxy.update(table);
    }

    Socket connect(String listener) throws IOException {
      Socket socket = new Socket("127.0.0.1", proxy.address(listener).getPort());
      socket.setSoTimeout(20_000);
      return socket;
    }

    @Override
    public void close() {
      proxy.close();
    }
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

  private static String split(int v1, int v2) {
    return """
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: echo, namespace: default}
        spec:
          hosts: [echo.mesh]
          tcp:
            - route:
                - {destination: {host: echo.mesh, subset: v1}, weight: %d}
                - {destination: {host: echo.mesh, subset: v2}, weight: %d}
        """
        .formatted(v1, v2);
  }

  /**
   * ServiceEntry {@code echo.mesh} at 127.96.0.70, TCP port 7000 named {@code tcp-echo}, endpoints
   * v1 and v2; its DestinationRule (subsets, plus {@code policy}); then {@code extra}.
   */
  private static String tcpYaml(TcpBackend v1, TcpBackend v2, String extra, String policy) {
    return """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: echo, namespace: default}
        spec:
          hosts: [echo.mesh]
          addresses: [127.96.0.70]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 7000, name: tcp-echo, protocol: TCP}]
          endpoints:
            - {address: 127.0.0.1, ports: {tcp-echo: %d}, labels: {version: v1}}
            - {address: 127.0.0.1, ports: {tcp-echo: %d}, labels: {version: v2}}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: echo, namespace: default}
        spec:
          host: echo.mesh
        %s  subsets:
            - {name: v1, labels: {version: v1}}
            - {name: v2, labels: {version: v2}}
        """
            .formatted(v1.port(), v2.port(), policy)
        + extra;
  }

  /** ServiceEntry {@code tls.mesh} at 127.96.0.71:443 (TLS) over both backends, tls routes. */
  private static String tlsYaml(TcpBackend a, TcpBackend b) {
    return """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: tls, namespace: default}
        spec:
          hosts: [tls.mesh]
          addresses: [127.96.0.71]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 443, name: tls, protocol: TLS}]
          endpoints:
            - {address: 127.0.0.1, ports: {tls: %d}, labels: {server: a}}
            - {address: 127.0.0.1, ports: {tls: %d}, labels: {server: b}}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: tls, namespace: default}
        spec:
          host: tls.mesh
          subsets:
            - {name: a, labels: {server: a}}
            - {name: b, labels: {server: b}}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: tls, namespace: default}
        spec:
          hosts: [tls.mesh, a.example.com, b.example.com]
          tls:
            - match: [{sniHosts: [a.example.com]}]
              route: [{destination: {host: tls.mesh, subset: a}}]
            - match: [{sniHosts: [b.example.com]}]
              route: [{destination: {host: tls.mesh, subset: b}}]
        """
        .formatted(a.port(), b.port());
  }
}
