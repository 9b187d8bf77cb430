package io.canarymesh.mesh.compiler;

import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyPortTrafficPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a DestinationRule's traffic policy that apply to one cluster, after overrides.
 *
 * <p>The order is Istio's ({@code MergeTrafficPolicy}): the top-level policy, then its port-level
 * settings for the cluster's port, then the subset's policy, then the subset's port-level settings.
 * A policy overrides field by field (a subset giving only {@code loadBalancer} keeps the top-level
 * {@code connectionPool}); port-level settings replace all three fields, absent ones falling back
 * to the defaults, as Istio documents. Each field is replaced whole, never merged.
 *
 * <p>Example: top-level {@code connectionPool.tcp.maxConnections: 10, loadBalancer: ROUND_ROBIN},
 * subset v2 {@code loadBalancer: RANDOM}: v1 gets 10 connections round robin, v2 10 connections
 * random. With a top-level port-level setting for 9090 giving only {@code loadBalancer:
 * LEAST_REQUEST}, port 9090 of v1 gets LEAST_REQUEST and no connection limit.
 */
record EffectivePolicy(
    Optional<ConnectionPoolSettings> connectionPool,
    Optional<LoadBalancerSettings> loadBalancer,
    Optional<OutlierDetection> outlierDetection) {

  static final EffectivePolicy NONE =
      new EffectivePolicy(Optional.empty(), Optional.empty(), Optional.empty());

  /** The policy for a cluster on {@code port} of the given subset (if any). */
  static EffectivePolicy of(
      Optional<TrafficPolicy> topLevel, Optional<TrafficPolicy> subsetLevel, int port) {
    EffectivePolicy policy = NONE;
    for (Optional<TrafficPolicy> level : List.of(topLevel, subsetLevel)) {
      if (level.isPresent()) {
        policy = policy.overriddenBy(level.get());
        policy = portLevel(level.get(), port).map(EffectivePolicy::ofPort).orElse(policy);
      }
    }
    return policy;
  }

  private EffectivePolicy overriddenBy(TrafficPolicy policy) {
    return new EffectivePolicy(
        Optional.ofNullable(policy.getConnectionPool()).or(this::connectionPool),
        Optional.ofNullable(policy.getLoadBalancer()).or(this::loadBalancer),
        Optional.ofNullable(policy.getOutlierDetection()).or(this::outlierDetection));
  }

  private static EffectivePolicy ofPort(TrafficPolicyPortTrafficPolicy settings) {
    return new EffectivePolicy(
        Optional.ofNullable(settings.getConnectionPool()),
        Optional.ofNullable(settings.getLoadBalancer()),
        Optional.ofNullable(settings.getOutlierDetection()));
  }

  private static Optional<TrafficPolicyPortTrafficPolicy> portLevel(
      TrafficPolicy policy, int port) {
    return Objects.requireNonNullElse(
            policy.getPortLevelSettings(), List.<TrafficPolicyPortTrafficPolicy>of())
        .stream()
        .filter(Objects::nonNull)
        .filter(s -> s.getPort() != null && s.getPort().getNumber() != null)
        .filter(s -> s.getPort().getNumber() == port)
        .findFirst();
  }
}
