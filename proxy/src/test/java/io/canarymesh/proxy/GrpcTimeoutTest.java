package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * {@code grpc-timeout} honoured as Istio's Envoy does (route {@code max_grpc_timeout} = the route
 * timeout): without a route timeout the header alone times the call out; with one, the shorter
 * wins. A gRPC call whose backend never answers in time gets Envoy's local reply.
 */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class GrpcTimeoutTest {
  static {
    LeakCheck.install();
  }

  private static final String NO_TIMEOUT =
      "- route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]";

  @Test
  void withoutARouteTimeoutTheGrpcTimeoutHeaderTimesTheCallOut() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1, GrpcUpstreamTest.grpcYaml(v1.port(), v2.port(), NO_TIMEOUT, "")))) {
      v1.gather =
          new CountDownLatch(2); // the call waits (up to 10 s) for a second that never comes
      long start = System.nanoTime();
      String response = gatherCall(proxy.address(), "grpc-timeout: 300m\r\n");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(RawHttp.status(response)).isEqualTo(200);
      assertThat(response.toLowerCase())
          .contains("grpc-status: 14")
          .contains("grpc-message: upstream request timeout");
      assertThat(took).isBetween(Duration.ofMillis(290), Duration.ofSeconds(5));
      answerBeforeClosing(v1);
    }
  }

  @Test
  void theRouteTimeoutCapsALongerHeader() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1,
                    GrpcUpstreamTest.grpcYaml(
                        v1.port(), v2.port(), NO_TIMEOUT + "\n  timeout: 0.3s", "")))) {
      v1.gather = new CountDownLatch(2);
      long start = System.nanoTime();
      String response = gatherCall(proxy.address(), "grpc-timeout: 20S\r\n");

      assertThat(response.toLowerCase()).contains("grpc-status: 14");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(290), Duration.ofSeconds(5));
      answerBeforeClosing(v1);
    }
  }

  /**
   * Lets the held call answer (into its cancelled stream) while the server is up: an answer written
   * as grpc-java shuts down leaks its buffer, which the leak check would blame on us.
   */
  private static void answerBeforeClosing(GrpcBackend backend) {
    backend.gather.countDown();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> backend.gatherAnswered.get() == backend.calls.get());
  }

  /** {@code test.Echo/Gather} over HTTP/1.1 with {@code extraHeaders}: one gRPC message. */
  private static String gatherCall(InetSocketAddress proxy, String extraHeaders) throws Exception {
    byte[] message = "x".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(
        ("POST /test.Echo/Gather HTTP/1.1\r\nHost: api\r\nContent-Type: application/grpc\r\n"
                + "TE: trailers\r\n"
                + extraHeaders
                + "Content-Length: "
                + (5 + message.length)
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    request.writeBytes(new byte[] {0, 0, 0, 0, (byte) message.length}); // gRPC frame header
    request.writeBytes(message);
    try (Socket socket = new Socket("127.0.0.1", proxy.getPort())) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.toByteArray());
      return RawHttp.readAll(socket.getInputStream());
    }
  }
}
