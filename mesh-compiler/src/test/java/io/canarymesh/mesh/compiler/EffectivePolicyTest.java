package io.canarymesh.mesh.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.mesh.model.ConnectionLimits;
import io.canarymesh.mesh.model.LbPolicy;
import io.canarymesh.mesh.model.LbPolicy.Algorithm;
import io.canarymesh.mesh.model.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsTCPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimple;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB;
import io.fabric8.istio.api.api.networking.v1alpha3.PortSelector;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyPortTrafficPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EffectivePolicyTest {
  private static final TrafficPolicy TOP =
      policy(lb(LoadBalancerSettingsSimpleLB.ROUND_ROBIN), pool(10));

  @Test
  void withoutAnyPolicyTheDefaultsApply() {
    ClusterPolicy policy =
        ClusterPolicy.of(EffectivePolicy.of(Optional.empty(), Optional.empty(), 80));
    assertThat(policy.lbPolicy()).isEqualTo(LbPolicy.DEFAULT);
    assertThat(policy.limits()).isEqualTo(ConnectionLimits.UNLIMITED);
    assertThat(policy.outlierDetection()).isEmpty();
    assertThat(policy.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theTopLevelPolicyAppliesToEverySubset() {
    EffectivePolicy policy = EffectivePolicy.of(Optional.of(TOP), Optional.empty(), 80);
    assertThat(algorithm(policy)).isEqualTo(Algorithm.ROUND_ROBIN);
    assertThat(maxConnections(policy)).isEqualTo(10);
  }

  @Test
  void aSubsetOverridesFieldByField() {
    TrafficPolicy subset = policy(lb(LoadBalancerSettingsSimpleLB.RANDOM), null);
    EffectivePolicy policy = EffectivePolicy.of(Optional.of(TOP), Optional.of(subset), 80);
    assertThat(algorithm(policy)).isEqualTo(Algorithm.RANDOM);
    assertThat(maxConnections(policy)).isEqualTo(10); // kept from the top level
  }

  @Test
  void portLevelSettingsReplaceEveryFieldOnTheirPortOnly() {
    TrafficPolicy top = policy(lb(LoadBalancerSettingsSimpleLB.ROUND_ROBIN), pool(10));
    top.setPortLevelSettings(List.of(port(9000, lb(LoadBalancerSettingsSimpleLB.LEAST_REQUEST))));
    EffectivePolicy onPort = EffectivePolicy.of(Optional.of(top), Optional.empty(), 9000);
    assertThat(algorithm(onPort)).isEqualTo(Algorithm.LEAST_REQUEST);
    assertThat(maxConnections(onPort)).isEqualTo(ConnectionLimits.UNLIMITED_COUNT);
    EffectivePolicy otherPort = EffectivePolicy.of(Optional.of(top), Optional.empty(), 80);
    assertThat(algorithm(otherPort)).isEqualTo(Algorithm.ROUND_ROBIN);
    assertThat(maxConnections(otherPort)).isEqualTo(10);
  }

  @Test
  void aSubsetOverridesTheTopLevelPortSettingsAndItsOwnPortSettingsComeLast() {
    TrafficPolicy top = policy(lb(LoadBalancerSettingsSimpleLB.ROUND_ROBIN), pool(10));
    top.setPortLevelSettings(List.of(port(9000, lb(LoadBalancerSettingsSimpleLB.LEAST_REQUEST))));
    TrafficPolicy subset = policy(null, pool(1));
    EffectivePolicy policy = EffectivePolicy.of(Optional.of(top), Optional.of(subset), 9000);
    assertThat(algorithm(policy)).isEqualTo(Algorithm.LEAST_REQUEST);
    assertThat(maxConnections(policy)).isEqualTo(1);

    subset.setPortLevelSettings(List.of(port(9000, lb(LoadBalancerSettingsSimpleLB.PASSTHROUGH))));
    EffectivePolicy last = EffectivePolicy.of(Optional.of(top), Optional.of(subset), 9000);
    assertThat(algorithm(last)).isEqualTo(Algorithm.PASSTHROUGH);
    assertThat(maxConnections(last)).isEqualTo(ConnectionLimits.UNLIMITED_COUNT);
  }

  @Test
  void leastConnIsLeastRequestAndZeroLimitsAreUnlimited() {
    assertThat(
            ClusterPolicy.lbPolicy(
                lb(LoadBalancerSettingsSimpleLB.LEAST_CONN), new java.util.ArrayList<>()))
        .isEqualTo(LbPolicy.Simple.of(Algorithm.LEAST_REQUEST));
    assertThat(
            ClusterPolicy.lbPolicy(
                lb(LoadBalancerSettingsSimpleLB.UNSPECIFIED), new java.util.ArrayList<>()))
        .isEqualTo(LbPolicy.DEFAULT);
    ConnectionPoolSettings article = new ConnectionPoolSettings();
    article.setTcp(tcp(10));
    ConnectionPoolSettingsHTTPSettings http = new ConnectionPoolSettingsHTTPSettings();
    http.setHttp1MaxPendingRequests(1);
    http.setMaxRequestsPerConnection(1);
    http.setMaxRetries(0);
    article.setHttp(http);
    assertThat(ClusterPolicy.limits(article))
        .isEqualTo(
            new ConnectionLimits(
                10, 1, Integer.MAX_VALUE, 1, Integer.MAX_VALUE, Duration.ofHours(1)));
  }

  @Test
  void outlierDetectionDefaults() {
    var outlier = new io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection();
    assertThat(ClusterPolicy.outlierDetection(outlier))
        .isEqualTo(
            new OutlierDetection(5, 0, Duration.ofSeconds(10), Duration.ofSeconds(30), 10, 0));
    outlier.setConsecutiveErrors(7); // deprecated spelling still counts
    outlier.setConsecutiveGatewayErrors(2);
    assertThat(ClusterPolicy.outlierDetection(outlier).consecutive5xxErrors()).isEqualTo(7);
    assertThat(ClusterPolicy.outlierDetection(outlier).consecutiveGatewayErrors()).isEqualTo(2);
  }

  private static Algorithm algorithm(EffectivePolicy policy) {
    return ((LbPolicy.Simple) ClusterPolicy.of(policy).lbPolicy()).algorithm();
  }

  private static int maxConnections(EffectivePolicy policy) {
    return ClusterPolicy.of(policy).limits().maxConnections();
  }

  private static TrafficPolicy policy(LoadBalancerSettings lb, ConnectionPoolSettings pool) {
    TrafficPolicy policy = new TrafficPolicy();
    policy.setLoadBalancer(lb);
    policy.setConnectionPool(pool);
    return policy;
  }

  private static LoadBalancerSettings lb(LoadBalancerSettingsSimpleLB simple) {
    LoadBalancerSettings settings = new LoadBalancerSettings();
    settings.setLbPolicy(new LoadBalancerSettingsSimple(simple));
    return settings;
  }

  private static ConnectionPoolSettings pool(int maxConnections) {
    ConnectionPoolSettings pool = new ConnectionPoolSettings();
    pool.setTcp(tcp(maxConnections));
    return pool;
  }

  private static ConnectionPoolSettingsTCPSettings tcp(int maxConnections) {
    ConnectionPoolSettingsTCPSettings tcp = new ConnectionPoolSettingsTCPSettings();
    tcp.setMaxConnections(maxConnections);
    return tcp;
  }

  private static TrafficPolicyPortTrafficPolicy port(long number, LoadBalancerSettings lb) {
    TrafficPolicyPortTrafficPolicy settings = new TrafficPolicyPortTrafficPolicy();
    settings.setPort(new PortSelector(number));
    settings.setLoadBalancer(lb);
    return settings;
  }
}
