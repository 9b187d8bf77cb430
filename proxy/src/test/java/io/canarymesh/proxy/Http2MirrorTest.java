package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Mirrors to an HTTP/2 cluster: the copy goes out as a stream on the loop's h2 connection to the
 * mirror endpoint, with {@code -shadow} on its authority, and its answer is dropped.
 */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class Http2MirrorTest {
  static {
    LeakCheck.install();
  }

  private static String mirroredTo(String percentage) {
    return """
        - route: [{destination: {host: api.test, subset: v1, port: {number: 9090}}}]
          mirror: {host: api.test, subset: v2, port: {number: 9090}}
          mirrorPercentage: {value: %s}"""
        .formatted(percentage);
  }

  @Test
  void mirroredGrpcCallsReachTheMirrorBackendAndTheClientSeesThePrimary() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1, GrpcUpstreamTest.grpcYaml(v1.port(), v2.port(), mirroredTo("100"), "")))) {
      ManagedChannel channel = GrpcBackend.channel(proxy.address());
      try {
        for (int i = 0; i < 5; i++) {
          assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.SAY, options(), "m" + i))
              .isEqualTo("v1:m" + i);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> v2.calls.get() == 5);
        assertThat(v1.calls).hasValue(5);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void mirrorPercentageZeroSendsNoCopy() throws Exception {
    try (GrpcBackend v1 = new GrpcBackend("v1");
        GrpcBackend v2 = new GrpcBackend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1, GrpcUpstreamTest.grpcYaml(v1.port(), v2.port(), mirroredTo("0"), "")))) {
      ManagedChannel channel = GrpcBackend.channel(proxy.address());
      try {
        for (int i = 0; i < 5; i++) {
          assertThat(ClientCalls.blockingUnaryCall(channel, GrpcBackend.SAY, options(), "m" + i))
              .isEqualTo("v1:m" + i);
        }
        await()
            .during(Duration.ofMillis(300))
            .atMost(Duration.ofSeconds(2))
            .until(() -> v2.calls.get() == 0);
        assertThat(v2.connections).hasValue(0);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aMirroredPostGetsTheShadowSuffixOnItsAuthority() throws Exception {
    try (H2Backend v1 = new H2Backend();
        H2Backend v2 = new H2Backend();
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1,
                    Tables.gatewayYaml(
                        v1.port(),
                        v2.port(),
                        mirroredTo("100"),
                        """
                        trafficPolicy:
                          connectionPool:
                            http: {h2UpgradePolicy: UPGRADE}
                        """)))) {
      String response =
          RawHttp.exchange(
              proxy.address(),
              "POST /copied HTTP/1.1\r\nHost: api.test:8080\r\nContent-Length: 5\r\n"
                  + "Connection: close\r\n\r\nhello");

      assertThat(RawHttp.status(response)).isEqualTo(200);
      assertThat(response).contains("h2|POST|/copied|hello");
      await().atMost(Duration.ofSeconds(5)).until(() -> v2.requests.get() == 1);
      assertThat(v2.lastHeaders).containsEntry("host", "api.test-shadow");
      assertThat(v1.lastHeaders).containsEntry("host", "api.test:8080");
    }
  }

  private static CallOptions options() {
    return CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS);
  }
}
