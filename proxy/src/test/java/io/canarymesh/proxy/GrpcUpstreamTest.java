package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * gRPC end to end: a real grpc-java client (h2c, or h2 over TLS with ALPN) through the proxy to
 * real grpc-java servers behind a {@code grpc} port, which the proxy reaches over HTTP/2 with many
 * requests multiplexed as streams; trailers relayed both ways; Envoy's gRPC local replies.
 */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class GrpcUpstreamTest {
  static {
    LeakCheck.install();
  }

  private static final String ALL_TO_V1 =
      "- route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]";

  /**
   * A gateway on 8080 for every host, a ServiceEntry {@code api.test} with a GRPC port 9090 whose
   * endpoints are {@code v1Port} (v1) and {@code v2Port} (v2), and subsets v1, v2 and v3 (no
   * endpoint).
   */
  static String grpcYaml(int v1Port, int v2Port, String http, String trafficPolicy) {
    return """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: api, namespace: default}
        spec:
          hosts: [api.test]
          location: MESH_INTERNAL
          resolution: STATIC
          ports: [{number: 9090, name: grpc, protocol: GRPC}]
          endpoints:
            - {address: 127.0.0.1, ports: {grpc: %d}, labels: {version: v1}}
            - {address: 127.0.0.1, ports: {grpc: %d}, labels: {version: v2}}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: default}
        spec:
          selector: {istio: ingressgateway}
          servers:
            - port: {number: 8080, name: grpc, protocol: GRPC}
              hosts: ["*"]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api, namespace: default}
        spec:
          hosts: ["*"]
          gateways: [gw]
          http:
        %s
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api, namespace: default}
        spec:
          host: api.test
        %s
          subsets:
            - {name: v1, labels: {version: v1}}
            - {name: v2, labels: {version: v2}}
            - {name: v3, labels: {version: v3}}
        """
        .formatted(
            v1Port,
            v2Port,
            http.indent(4).stripTrailing(),
            trafficPolicy.indent(2).stripTrailing());
  }

  @Test
  void unaryAndServerStreamingCallsReachAnHttp2Upstream() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(Tables.compile(1, grpcYaml(v1.port(), v2.port(), ALL_TO_V1, "")))) {
      ManagedChannel channel = GrpcBackend.channel(proxy.address());
      try {
        assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.SAY, options(), "hello"))
            .isEqualTo("v1:hello");
        List<String> counted = new ArrayList<>();
        ClientCalls.blockingServerStreamingCall(channel, GrpcBackend.COUNT, options(), "5")
            .forEachRemaining(counted::add);
        assertThat(counted).containsExactly("v1:1", "v1:2", "v1:3", "v1:4", "v1:5");
        assertThat(v1.connections).hasValue(1); // both calls on one HTTP/2 connection
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aGatewayServerOfProtocolHttp2TakesH2cAndHttp11() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1,
                    grpcYaml(v1.port(), v2.port(), ALL_TO_V1, "")
                        .replace(
                            "{number: 8080, name: grpc, protocol: GRPC}",
                            "{number: 8080, name: http2, protocol: HTTP2}")))) {
      ManagedChannel channel = GrpcBackend.channel(proxy.address());
      try {
        assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.SAY, options(), "h2c"))
            .isEqualTo("v1:h2c");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      String response = http11GrpcCall(proxy.address(), "h1");
      assertThat(RawHttp.status(response)).isEqualTo(200);
      assertThat(response).contains("v1:h1");
      assertThat(response.toLowerCase()).contains("grpc-status: 0");
      assertThat(v1.calls).hasValue(2);
    }
  }

  @Test
  void splitsCalls70To30() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1,
                    grpcYaml(
                        v1.port(),
                        v2.port(),
                        """
                        - route:
                            - destination: {host: api.test, subset: v1, port: {number: 9090}}
                              weight: 70
                            - destination: {host: api.test, subset: v2, port: {number: 9090}}
                              weight: 30
                        """,
                        "")))) {
      ManagedChannel channel = GrpcBackend.channel(proxy.address());
      try {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          answers.add(ClientCalls.blockingUnaryCall(channel, GrpcBackend.SAY, options(), "x"));
        }
        Map<String, Long> counts =
            answers.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("v1:x", 70L, "v2:x", 30L));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void relaysAnErrorStatusAndItsMessageIntact() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(Tables.compile(1, grpcYaml(v1.port(), v2.port(), ALL_TO_V1, "")))) {
      ManagedChannel channel = GrpcBackend.channel(proxy.address());
      try {
        assertThatThrownBy(
                () ->
                    ClientCalls.blockingUnaryCall(
                        channel, GrpcBackend.FAIL, options(), "grüße 100%"))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                  assertThat(e.getStatus().getDescription()).isEqualTo("no such thing: grüße 100%");
                });
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void answersWhatTheProxyFailsItselfAsAGrpcStatus() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1,
                    grpcYaml(
                        v1.port(),
                        v2.port(),
                        """
                        - match: [{uri: {exact: /test.Echo/Say}}]
                          route: [{destination: {host: api.test, subset: v3, port: {number: 9090}}}]
                        - match: [{uri: {exact: /test.Echo/Count}}]
                          route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
                        """,
                        "")))) {
      ManagedChannel channel = GrpcBackend.channel(proxy.address());
      try {
        // no ready endpoint: 503 UH → 14 UNAVAILABLE, Envoy's body as the message
        assertThat(
                failure(
                    () -> ClientCalls.blockingUnaryCall(channel, GrpcBackend.SAY, options(), "x")))
            .satisfies(
                s -> {
                  assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                  assertThat(s.getDescription()).isEqualTo("no healthy upstream");
                });
        // no route: 404 NR → 12 UNIMPLEMENTED
        assertThat(
                failure(
                    () -> ClientCalls.blockingUnaryCall(channel, GrpcBackend.FAIL, options(), "x")))
            .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      // an HTTP/1.1 client's gRPC request gets the same answer: 200 with grpc-status
      String response =
          RawHttp.exchange(
              proxy.address(),
              "POST /test.Echo/Say HTTP/1.1\r\nHost: api\r\nContent-Type: application/grpc\r\n"
                  + "TE: trailers\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      assertThat(RawHttp.status(response)).isEqualTo(200);
      assertThat(response.toLowerCase())
          .contains("grpc-status: 14")
          .contains("content-type: application/grpc");
      assertThat(v1.calls).hasValue(0);
    }
  }

  @Test
  void aRouteTimeoutAndAnOverflowAreUnavailableAsInEnvoy() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1,
                    grpcYaml(
                        v1.port(),
                        v2.port(),
                        """
                        - route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
                          timeout: 0.5s
                        """,
                        """
                        trafficPolicy:
                          connectionPool:
                            http: {http2MaxRequests: 1}
                        """)))) {
      v1.gather = new CountDownLatch(3); // calls wait (up to 10 s) until the test releases them
      ManagedChannel channel = GrpcBackend.channel(proxy.address());
      try {
        Status timedOut =
            failure(
                () -> ClientCalls.blockingUnaryCall(channel, GrpcBackend.GATHER, options(), "x"));
        assertThat(timedOut.getCode()).isEqualTo(Status.Code.UNAVAILABLE); // 504 UT
        assertThat(timedOut.getDescription()).isEqualTo("upstream request timeout");

        var pending =
            ClientCalls.futureUnaryCall(channel.newCall(GrpcBackend.GATHER, options()), "first");
        org.awaitility.Awaitility.await()
            .atMost(java.time.Duration.ofSeconds(10))
            .until(() -> v1.calls.get() == 2);
        Status overflow =
            failure(() -> ClientCalls.blockingUnaryCall(channel, GrpcBackend.SAY, options(), "x"));
        assertThat(overflow.getCode()).isEqualTo(Status.Code.UNAVAILABLE); // 503 UO
        assertThat(overflow.getDescription()).endsWith("reset reason: overflow");
        v1.gather.countDown();
        assertThat(pending.get(10, TimeUnit.SECONDS)).isEqualTo("v1:first");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void retriesATrailersOnlyUnavailableAsTheMeshDefaultRetryOnSays() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(Tables.compile(1, grpcYaml(v1.port(), v2.port(), ALL_TO_V1, "")))) {
      ManagedChannel channel = GrpcBackend.channel(proxy.address());
      try {
        assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.FLAKY, options(), "again"))
            .isEqualTo("v1:again");
        assertThat(v1.calls).hasValue(2);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void anHttp11ClientGetsTheResponseAndItsTrailersChunked() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(Tables.compile(1, grpcYaml(v1.port(), v2.port(), ALL_TO_V1, "")))) {
      String response = http11GrpcCall(proxy.address(), "hi");
      assertThat(RawHttp.status(response)).isEqualTo(200);
      String lower = response.toLowerCase();
      assertThat(lower).contains("transfer-encoding: chunked").doesNotContain("x-http2-");
      assertThat(response).contains("v1:hi");
      // the trailers come after the last (empty) chunk
      assertThat(lower.substring(lower.indexOf("\r\n0\r\n"))).contains("grpc-status: 0");
    }
  }

  @Test
  void multiplexesConcurrentCallsOnMaxConnectionsUpstreamConnections() throws Exception {
    int calls = 40;
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1,
                    grpcYaml(
                        v1.port(),
                        v2.port(),
                        ALL_TO_V1,
                        """
                        trafficPolicy:
                          connectionPool:
                            tcp: {maxConnections: 1}
                            http: {http2MaxRequests: 100, http1MaxPendingRequests: 1}
                        """)),
                builder -> builder.eventLoops(1))) {
      v1.gather = new CountDownLatch(calls);
      List<ManagedChannel> channels = new ArrayList<>();
      ExecutorService clients = Executors.newFixedThreadPool(calls);
      try {
        for (int i = 0; i < 4; i++) {
          channels.add(GrpcBackend.channel(proxy.address())); // four downstream connections
        }
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
          ManagedChannel channel = channels.get(i % channels.size());
          String n = Integer.toString(i);
          answers.add(
              clients.submit(
                  () -> ClientCalls.blockingUnaryCall(channel, GrpcBackend.GATHER, options(), n)));
        }
        for (int i = 0; i < calls; i++) {
          // every call was at the backend at once (none answered "alone")
          assertThat(answers.get(i).get(20, TimeUnit.SECONDS)).isEqualTo("v1:" + i);
        }
        assertThat(v1.connections).hasValue(1);
      } finally {
        clients.shutdownNow();
        for (ManagedChannel channel : channels) {
          channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  @Test
  void anUpstreamGoneMidStreamIsUnavailableForTheClient() throws Exception {
    GrpcBackend v1 = new GrpcBackend("v1");
    try (GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(Tables.compile(1, grpcYaml(v1.port(), v2.port(), ALL_TO_V1, "")))) {
      ManagedChannel channel = GrpcBackend.channel(proxy.address());
      try {
        Iterator<String> stream =
            ClientCalls.blockingServerStreamingCall(channel, GrpcBackend.HOLD, options(), "x");
        assertThat(stream.next()).isEqualTo("v1:first");
        v1.kill();
        assertThat(failure(stream::next).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } finally {
      v1.close();
    }
  }

  @Test
  void anUpstreamThatClosesBeforeAnsweringIs503UcOrUnavailable() throws Exception {
    try (ServerSocket closing = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(1, grpcYaml(closing.getLocalPort(), v2.port(), ALL_TO_V1, "")))) {
      Thread closer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!closing.isClosed()) {
                      try (Socket accepted = closing.accept()) {
                        accepted.getInputStream().read(); // the preface has begun: hang up
                      } catch (java.io.IOException e) {
                        return;
                      }
                    }
                  });
      ManagedChannel channel = GrpcBackend.channel(proxy.address());
      try {
        Status status =
            failure(() -> ClientCalls.blockingUnaryCall(channel, GrpcBackend.SAY, options(), "x"));
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getDescription())
            .startsWith("upstream connect error or disconnect/reset before headers");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      String response = RawHttp.get(proxy.address(), "api", "/plain");
      assertThat(RawHttp.status(response)).isEqualTo(503);
      assertThat(proxy.metricsContaining("response_flags=\"UC\"")).contains("UC");
      closing.close();
      closer.join(5_000);
    }
  }

  @Test
  void anH2ClientOverTlsNegotiatesH2ThroughAlpn() throws Exception {
    SelfSignedCertificate certificate = new SelfSignedCertificate("gateway.test");
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2")) {
      String yaml =
          grpcYaml(v1.port(), v2.port(), ALL_TO_V1, "")
              .replace(
                  "- port: {number: 8080, name: grpc, protocol: GRPC}\n      hosts: [\"*\"]",
                  "- port: {number: 8443, name: https, protocol: HTTPS}\n      hosts: [\"*\"]\n"
                      + "      tls: {mode: SIMPLE, serverCertificate: "
                      + certificate.certificate().getAbsolutePath()
                      + ", privateKey: "
                      + certificate.privateKey().getAbsolutePath()
                      + "}");
      try (ProxyFixture proxy = new ProxyFixture(Tables.compile(1, yaml))) {
        InetSocketAddress address = proxy.proxy.address("0.0.0.0_8443");
        // grpc-java over TLS insists on ALPN h2: the call fails unless the listener offers it
        ManagedChannel channel =
            NettyChannelBuilder.forAddress(address)
                .overrideAuthority("gateway.test")
                .sslContext(
                    GrpcSslContexts.forClient()
                        .trustManager(InsecureTrustManagerFactory.INSTANCE)
                        .build())
                .build();
        try {
          assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.SAY, options(), "tls"))
              .isEqualTo("v1:tls");
        } finally {
          channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
    } finally {
      certificate.delete();
    }
  }

  /** {@code test.Echo/Say} over HTTP/1.1: one length-prefixed gRPC message, TE: trailers. */
  private static String http11GrpcCall(InetSocketAddress proxy, String text) throws Exception {
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(
        ("POST /test.Echo/Say HTTP/1.1\r\nHost: api\r\nContent-Type: application/grpc\r\n"
                + "TE: trailers\r\nContent-Length: "
                + (5 + message.length)
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(new byte[] {0, 0, 0, 0, (byte) message.length}); // gRPC frame header
    request.writeBytes(message);
    try (Socket socket = new Socket("127.0.0.1", proxy.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.toByteArray());
      return RawHttp.readAll(socket.getInputStream());
    }
  }

  private static CallOptions options() {
    return CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  private static Status failure(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
    throw new AssertionError("the call succeeded");
  }
}
