package io.canarymesh.mesh.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.Cluster.UpstreamProtocol;
import io.canarymesh.mesh.model.Listener.Protocol;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Istio's choice of the upstream protocol: the port's protocol, then h2UpgradePolicy. */
class UpstreamProtocolsTest {
  @ParameterizedTest
  @CsvSource({
    "HTTP, NONE, HTTP1",
    "HTTP, DEFAULT, HTTP1",
    "HTTP, DO_NOT_UPGRADE, HTTP1",
    "HTTP, UPGRADE, HTTP2",
    "HTTP2, NONE, HTTP2",
    "HTTP2, DO_NOT_UPGRADE, HTTP2",
    "GRPC, NONE, HTTP2",
    "GRPC, DO_NOT_UPGRADE, HTTP2",
    "HTTPS, UPGRADE, HTTP1",
    "TCP, UPGRADE, HTTP1",
    "TLS, UPGRADE, HTTP1"
  })
  void followsThePortThenTheUpgradePolicy(Protocol port, String policy, UpstreamProtocol expected) {
    Optional<ConnectionPoolSettings> pool =
        policy.equals("NONE")
            ? Optional.empty()
            : Optional.of(
                new ConnectionPoolSettings(
                    new ConnectionPoolSettingsHTTPSettings(
                        ConnectionPoolSettingsHTTPSettingsH2UpgradePolicy.valueOf(policy),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                    null));
    assertThat(UpstreamProtocols.of(port, pool)).isEqualTo(expected);
  }
}
