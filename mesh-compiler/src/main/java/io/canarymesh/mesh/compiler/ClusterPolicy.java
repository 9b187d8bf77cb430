package io.canarymesh.mesh.compiler;

import io.canarymesh.mesh.model.Cluster;
import io.canarymesh.mesh.model.ConnectionLimits;
import io.canarymesh.mesh.model.LbPolicy;
import io.canarymesh.mesh.model.LbPolicy.Algorithm;
import io.canarymesh.mesh.model.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLB;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpCookie;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpHeaderName;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpQueryParameterName;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBMaglev;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBRingHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBUseSourceIp;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimple;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsSimpleLB;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cluster's compiled policies, from its {@link EffectivePolicy}. Istio's defaults where a field
 * is absent: no connection limits, 10 s connect timeout, 1 h idle timeout, no outlier detection
 * (when configured: 5 consecutive 5xx, 10 s interval, 30 s base ejection, 10% max ejection). {@code
 * warnings} name fields that were served degraded (a Maglev table that is not prime, say).
 */
record ClusterPolicy(
    LbPolicy lbPolicy,
    ConnectionLimits limits,
    Optional<OutlierDetection> outlierDetection,
    Duration connectTimeout,
    List<String> warnings) {

  static ClusterPolicy of(EffectivePolicy policy) {
    List<String> warnings = new ArrayList<>();
    return new ClusterPolicy(
        policy.loadBalancer().map(lb -> lbPolicy(lb, warnings)).orElse(LbPolicy.DEFAULT),
        policy.connectionPool().map(ClusterPolicy::limits).orElse(ConnectionLimits.UNLIMITED),
        policy.outlierDetection().map(ClusterPolicy::outlierDetection),
        policy
            .connectionPool()
            .map(ConnectionPoolSettings::getTcp)
            .flatMap(tcp -> IstioDurations.parse(tcp.getConnectTimeout()))
            .orElse(Cluster.DEFAULT_CONNECT_TIMEOUT),
        List.copyOf(warnings));
  }

  /** The policy of {@code settings}; a degraded field adds a message to {@code warnings}. */
  static LbPolicy lbPolicy(LoadBalancerSettings settings, List<String> warnings) {
    return switch (settings.getLbPolicy()) {
      case LoadBalancerSettingsSimple simple -> simple(simple.getSimple(), settings);
      case LoadBalancerSettingsConsistentHash hash when hash.getConsistentHash() != null ->
          consistentHash(hash.getConsistentHash(), warnings);
      case null, default -> simple(null, settings);
    };
  }

  /**
   * {@code LEAST_CONN} is Istio's deprecated name for LEAST_REQUEST; UNSPECIFIED is the default.
   */
  private static LbPolicy simple(
      LoadBalancerSettingsSimpleLB simple, LoadBalancerSettings settings) {
    Algorithm algorithm =
        switch (simple) {
          case ROUND_ROBIN -> Algorithm.ROUND_ROBIN;
          case LEAST_REQUEST, LEAST_CONN -> Algorithm.LEAST_REQUEST;
          case RANDOM -> Algorithm.RANDOM;
          case PASSTHROUGH -> Algorithm.PASSTHROUGH;
          case UNSPECIFIED -> defaultAlgorithm();
          case null -> defaultAlgorithm();
        };
    boolean warms = algorithm == Algorithm.ROUND_ROBIN || algorithm == Algorithm.LEAST_REQUEST;
    return new LbPolicy.Simple(algorithm, warms ? warmup(settings) : Optional.empty());
  }

  private static Algorithm defaultAlgorithm() {
    return ((LbPolicy.Simple) LbPolicy.DEFAULT).algorithm();
  }

  /**
   * {@code warmup} (duration, minimumPercent 10, aggression 1.0) or the older {@code
   * warmupDurationSecs} with those defaults.
   */
  private static Optional<LbPolicy.Warmup> warmup(LoadBalancerSettings settings) {
    var warmup = settings.getWarmup();
    if (warmup != null) {
      return IstioDurations.parse(warmup.getDuration())
          .map(
              duration ->
                  new LbPolicy.Warmup(
                      duration,
                      warmup.getMinimumPercent() == null ? 10 : warmup.getMinimumPercent(),
                      warmup.getAggression() == null ? 1.0 : warmup.getAggression()));
    }
    return IstioDurations.parse(settings.getWarmupDurationSecs())
        .map(duration -> new LbPolicy.Warmup(duration, 10, 1.0));
  }

  private static LbPolicy consistentHash(
      LoadBalancerSettingsConsistentHashLB hash, List<String> warnings) {
    LbPolicy.HashKey key =
        switch (hash.getHashKey()) {
          case LoadBalancerSettingsConsistentHashLBHttpHeaderName header ->
              new LbPolicy.HeaderKey(header.getHttpHeaderName());
          case LoadBalancerSettingsConsistentHashLBHttpCookie cookie ->
              new LbPolicy.CookieKey(
                  cookie.getHttpCookie().getName(),
                  Optional.ofNullable(cookie.getHttpCookie().getPath()).filter(p -> !p.isEmpty()),
                  IstioDurations.parse(cookie.getHttpCookie().getTtl()));
          case LoadBalancerSettingsConsistentHashLBHttpQueryParameterName query ->
              new LbPolicy.QueryParameterKey(query.getHttpQueryParameterName());
          case LoadBalancerSettingsConsistentHashLBUseSourceIp ignored ->
              new LbPolicy.SourceIpKey();
          case null, default -> new LbPolicy.SourceIpKey();
        };
    return new LbPolicy.ConsistentHash(key, hashTable(hash, warnings));
  }

  /**
   * As Istio: {@code maglev} → Maglev; {@code ringHash} → ring hash; neither → ring hash with the
   * deprecated top-level {@code minimumRingSize}; an absent or 0 size takes Envoy's default.
   */
  static LbPolicy.HashTable hashTable(
      LoadBalancerSettingsConsistentHashLB hash, List<String> warnings) {
    return switch (hash.getHashAlgorithm()) {
      case LoadBalancerSettingsConsistentHashLBMaglev maglev ->
          maglev(maglev.getMaglev() == null ? null : maglev.getMaglev().getTableSize(), warnings);
      case LoadBalancerSettingsConsistentHashLBRingHash ring ->
          ringHash(ringMinimum(ring), "ringHash.minimumRingSize", warnings);
      case null, default -> ringHash(hash.getMinimumRingSize(), "minimumRingSize", warnings);
    };
  }

  /**
   * {@code ringHash.minimumRingSize}. fabric8's model types {@code ringHash} as its own wrapper (a
   * generator slip), so the field arrives as an additional property: a Long from the model's
   * decoder ({@code RingHashDeserializer}), a number or a uint64 string from an object built in
   * code.
   */
  private static Long ringMinimum(LoadBalancerSettingsConsistentHashLBRingHash ring) {
    Object value =
        ring.getRingHash() == null
            ? null
            : ring.getRingHash().getAdditionalProperties().get("minimumRingSize");
    return switch (value) {
      case Number number -> number.longValue();
      case String text when text.matches("[0-9]{1,18}") -> Long.valueOf(text);
      case null, default -> null;
    };
  }

  /** Envoy refuses a non-prime table (and validation should have); serve the default instead. */
  private static LbPolicy.HashTable maglev(Long tableSize, List<String> warnings) {
    if (tableSize == null || tableSize == 0) {
      return new LbPolicy.Maglev(LbPolicy.Maglev.DEFAULT_TABLE_SIZE);
    }
    if (!LbPolicy.Maglev.validTableSize(tableSize)) {
      warnings.add(
          "loadBalancer.consistentHash.maglev.tableSize: Invalid value: "
              + tableSize
              + ": must be a prime number between 2 and "
              + (LbPolicy.Maglev.MAXIMUM_TABLE_SIZE - 1)
              + "; using "
              + LbPolicy.Maglev.DEFAULT_TABLE_SIZE);
      return new LbPolicy.Maglev(LbPolicy.Maglev.DEFAULT_TABLE_SIZE);
    }
    return new LbPolicy.Maglev(tableSize.intValue());
  }

  /** A minimum over Envoy's maximum ring size (8M entries) is capped to it, with a warning. */
  private static LbPolicy.HashTable ringHash(Long size, String field, List<String> warnings) {
    if (size == null || size <= 0) {
      return new LbPolicy.RingHash(LbPolicy.RingHash.DEFAULT_MINIMUM_RING_SIZE);
    }
    if (size > LbPolicy.RingHash.MAXIMUM_RING_SIZE) {
      warnings.add(
          "loadBalancer.consistentHash."
              + field
              + ": Invalid value: "
              + size
              + ": must be at most "
              + LbPolicy.RingHash.MAXIMUM_RING_SIZE
              + " (Envoy's maximum ring size); using "
              + LbPolicy.RingHash.MAXIMUM_RING_SIZE);
      return new LbPolicy.RingHash(LbPolicy.RingHash.MAXIMUM_RING_SIZE);
    }
    return new LbPolicy.RingHash(size.intValue());
  }

  /** Istio leaves a limit unlimited when its field is absent or 0. */
  static ConnectionLimits limits(ConnectionPoolSettings pool) {
    var tcp = pool.getTcp();
    var http = pool.getHttp();
    return new ConnectionLimits(
        limit(tcp == null ? null : tcp.getMaxConnections()),
        limit(http == null ? null : http.getHttp1MaxPendingRequests()),
        limit(http == null ? null : http.getHttp2MaxRequests()),
        limit(http == null ? null : http.getMaxRequestsPerConnection()),
        limit(http == null ? null : http.getMaxRetries()),
        IstioDurations.parseOr(
            http == null ? null : http.getIdleTimeout(), ConnectionLimits.DEFAULT_IDLE_TIMEOUT),
        IstioDurations.parseOr(
            tcp == null ? null : tcp.getIdleTimeout(), ConnectionLimits.DEFAULT_IDLE_TIMEOUT));
  }

  private static int limit(Integer value) {
    return value == null || value <= 0 ? ConnectionLimits.UNLIMITED_COUNT : value;
  }

  /**
   * Istio's translation: {@code consecutive5xxErrors} (or the deprecated {@code consecutiveErrors})
   * defaults to Envoy's 5; gateway errors are off unless set.
   */
  static OutlierDetection outlierDetection(
      io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection outlier) {
    Integer fiveXx =
        outlier.getConsecutive5xxErrors() != null
            ? outlier.getConsecutive5xxErrors()
            : outlier.getConsecutiveErrors();
    return new OutlierDetection(
        fiveXx == null ? OutlierDetection.DEFAULT_CONSECUTIVE_5XX : fiveXx,
        outlier.getConsecutiveGatewayErrors() == null ? 0 : outlier.getConsecutiveGatewayErrors(),
        IstioDurations.parseOr(outlier.getInterval(), OutlierDetection.DEFAULT_INTERVAL),
        IstioDurations.parseOr(
            outlier.getBaseEjectionTime(), OutlierDetection.DEFAULT_BASE_EJECTION_TIME),
        outlier.getMaxEjectionPercent() == null
            ? OutlierDetection.DEFAULT_MAX_EJECTION_PERCENT
            : outlier.getMaxEjectionPercent(),
        outlier.getMinHealthPercent() == null ? 0 : outlier.getMinHealthPercent());
  }
}
