package io.canarymesh.model.validation.istio;

import static io.canarymesh.model.validation.istio.HttpRouteValidator.list;

import io.canarymesh.model.validation.FieldError;
import io.canarymesh.model.validation.FieldPath;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsHTTPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsTCPSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLB;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHTTPCookie_;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBHttpCookie;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBMagLev_;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBMaglev;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHashLBRingHash;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyPortTrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.WarmupConfiguration;
import java.util.List;

/**
 * A DestinationRule traffic policy, at the top, per subset or per port ({@code
 * validateTrafficPolicy} in Istio): load balancer, connection pool and outlier detection.
 */
final class TrafficPolicyValidator {
  /** Maglev's lookup table must stay below this size (Envoy's limit). */
  private static final long MAGLEV_TABLE_LIMIT = 5_000_011;

  private TrafficPolicyValidator() {}

  static void check(TrafficPolicy policy, FieldPath path, List<FieldError> errors) {
    if (policy == null) {
      return;
    }
    List<TrafficPolicyPortTrafficPolicy> ports = list(policy.getPortLevelSettings());
    if (policy.getOutlierDetection() == null
        && policy.getConnectionPool() == null
        && policy.getLoadBalancer() == null
        && policy.getTls() == null
        && ports.isEmpty()
        && policy.getTunnel() == null
        && policy.getProxyProtocol() == null
        && policy.getRetryBudget() == null) {
      errors.add(FieldError.required(path, "traffic policy must have at least one field"));
      return;
    }
    checkOutlierDetection(policy.getOutlierDetection(), path.child("outlierDetection"), errors);
    checkConnectionPool(policy.getConnectionPool(), path.child("connectionPool"), errors);
    checkLoadBalancer(policy.getLoadBalancer(), path.child("loadBalancer"), errors);
    for (int i = 0; i < ports.size(); i++) {
      checkPortPolicy(ports.get(i), path.child("portLevelSettings").index(i), errors);
    }
  }

  private static void checkPortPolicy(
      TrafficPolicyPortTrafficPolicy policy, FieldPath path, List<FieldError> errors) {
    if (policy == null) {
      errors.add(FieldError.required(path, "traffic policy may not be null"));
      return;
    }
    if (policy.getPort() == null) {
      errors.add(FieldError.required(path.child("port"), "portTrafficPolicy must have valid port"));
    } else {
      PortRules.checkNumber(
          policy.getPort().getNumber(), path.child("port").child("number"), errors);
    }
    if (policy.getOutlierDetection() == null
        && policy.getConnectionPool() == null
        && policy.getLoadBalancer() == null
        && policy.getTls() == null) {
      errors.add(FieldError.required(path, "port traffic policy must have at least one field"));
      return;
    }
    checkOutlierDetection(policy.getOutlierDetection(), path.child("outlierDetection"), errors);
    checkConnectionPool(policy.getConnectionPool(), path.child("connectionPool"), errors);
    checkLoadBalancer(policy.getLoadBalancer(), path.child("loadBalancer"), errors);
  }

  private static void checkOutlierDetection(
      OutlierDetection outlier, FieldPath path, List<FieldError> errors) {
    if (outlier == null) {
      return;
    }
    DurationField.check(outlier.getBaseEjectionTime(), path.child("baseEjectionTime"), errors);
    DurationField.check(outlier.getInterval(), path.child("interval"), errors);
    // Protobuf declares these counters unsigned; JSON could still carry a negative number.
    nonNegative(outlier.getConsecutive5xxErrors(), "consecutive5xxErrors", path, errors);
    nonNegative(outlier.getConsecutiveGatewayErrors(), "consecutiveGatewayErrors", path, errors);
    Integer localOrigin = outlier.getConsecutiveLocalOriginFailures();
    if (localOrigin != null
        && localOrigin > 0
        && !Boolean.TRUE.equals(outlier.getSplitExternalLocalOriginErrors())) {
      errors.add(
          FieldError.invalid(
              path.child("consecutiveLocalOriginFailures"),
              localOrigin,
              "outlier detection consecutive local origin failures is specified, but split"
                  + " external local origin errors is set to false"));
    }
    Percentages.checkPercent(
        outlier.getMaxEjectionPercent(), path.child("maxEjectionPercent"), errors);
    Percentages.checkPercent(outlier.getMinHealthPercent(), path.child("minHealthPercent"), errors);
  }

  private static void checkConnectionPool(
      ConnectionPoolSettings pool, FieldPath path, List<FieldError> errors) {
    if (pool == null) {
      return;
    }
    if (pool.getHttp() == null && pool.getTcp() == null) {
      errors.add(FieldError.required(path, "connection pool must have at least one field"));
      return;
    }
    checkHttpPool(pool.getHttp(), path.child("http"), errors);
    checkTcpPool(pool.getTcp(), path.child("tcp"), errors);
  }

  private static void checkHttpPool(
      ConnectionPoolSettingsHTTPSettings http, FieldPath path, List<FieldError> errors) {
    if (http == null) {
      return;
    }
    negative(
        http.getHttp1MaxPendingRequests(),
        path.child("http1MaxPendingRequests"),
        "http1 max pending requests must be non-negative",
        errors);
    negative(
        http.getHttp2MaxRequests(),
        path.child("http2MaxRequests"),
        "http2 max requests must be non-negative",
        errors);
    negative(
        http.getMaxRequestsPerConnection(),
        path.child("maxRequestsPerConnection"),
        "max requests per connection must be non-negative",
        errors);
    negative(
        http.getMaxRetries(), path.child("maxRetries"), "max retries must be non-negative", errors);
    negative(
        http.getMaxConcurrentStreams(),
        path.child("maxConcurrentStreams"),
        "max concurrent streams must be non-negative",
        errors);
    DurationField.check(http.getIdleTimeout(), path.child("idleTimeout"), errors);
  }

  private static void checkTcpPool(
      ConnectionPoolSettingsTCPSettings tcp, FieldPath path, List<FieldError> errors) {
    if (tcp == null) {
      return;
    }
    negative(
        tcp.getMaxConnections(),
        path.child("maxConnections"),
        "max connections must be non-negative",
        errors);
    DurationField.check(tcp.getConnectTimeout(), path.child("connectTimeout"), errors);
    DurationField.check(
        tcp.getMaxConnectionDuration(), path.child("maxConnectionDuration"), errors);
    DurationField.checkZeroDisables(tcp.getIdleTimeout(), path.child("idleTimeout"), errors);
  }

  /**
   * Simple policies are always valid. A consistent hash needs a key (we require one; Istio accepts
   * none and then hashes nothing); a cookie key needs a name; Maglev's table size must be a prime
   * below 5000011; the deprecated top-level {@code minimumRingSize} excludes a hash algorithm.
   */
  private static void checkLoadBalancer(
      LoadBalancerSettings settings, FieldPath path, List<FieldError> errors) {
    if (settings == null) {
      return;
    }
    if (settings.getLbPolicy() instanceof LoadBalancerSettingsConsistentHash hash
        && hash.getConsistentHash() != null) {
      checkConsistentHash(hash.getConsistentHash(), path.child("consistentHash"), errors);
    }
    checkWarmup(settings.getWarmup(), path.child("warmup"), errors);
    DurationField.parse(settings.getWarmupDurationSecs(), path.child("warmupDurationSecs"), errors);
  }

  private static void checkConsistentHash(
      LoadBalancerSettingsConsistentHashLB hash, FieldPath path, List<FieldError> errors) {
    if (hash.getHashKey() == null) {
      errors.add(
          FieldError.required(
              path,
              "consistentHash must set one of httpHeaderName, httpCookie, useSourceIp or"
                  + " httpQueryParameterName"));
    }
    if (hash.getHashKey() instanceof LoadBalancerSettingsConsistentHashLBHttpCookie cookieKey) {
      LoadBalancerSettingsConsistentHashLBHTTPCookie_ cookie = cookieKey.getHttpCookie();
      FieldPath cookiePath = path.child("httpCookie");
      if (cookie == null || cookie.getName() == null || cookie.getName().isEmpty()) {
        errors.add(FieldError.required(cookiePath.child("name"), "name required for HttpCookie"));
      }
      if (cookie != null) {
        DurationField.parse(cookie.getTtl(), cookiePath.child("ttl"), errors);
      }
    }
    Long minimumRingSize = hash.getMinimumRingSize();
    if (minimumRingSize != null && minimumRingSize != 0 && hash.getHashAlgorithm() != null) {
      errors.add(
          FieldError.forbidden(
              path.child("minimumRingSize"),
              "only one of MinimumRingSize or Maglev/Ringhash can be specified"));
    }
    checkRingSize(minimumRingSize, path.child("minimumRingSize"), errors);
    if (hash.getHashAlgorithm() instanceof LoadBalancerSettingsConsistentHashLBRingHash ring
        && ring.getRingHash() != null
        && ring.getRingHash().getAdditionalProperties().get("minimumRingSize")
            instanceof Long size) {
      checkRingSize(size, path.child("ringHash").child("minimumRingSize"), errors);
    }
    if (hash.getHashAlgorithm() instanceof LoadBalancerSettingsConsistentHashLBMaglev maglev) {
      LoadBalancerSettingsConsistentHashLBMagLev_ table = maglev.getMaglev();
      checkMaglevTableSize(
          table == null || table.getTableSize() == null ? 0 : table.getTableSize(),
          path.child("maglev").child("tableSize"),
          errors);
    }
  }

  /**
   * A uint64 in Istio, so never negative. {@code ringHash}'s size arrives as an additional property
   * (fabric8 types its body as the wrapper; the model codec reads it as a Long).
   */
  private static void checkRingSize(Long size, FieldPath path, List<FieldError> errors) {
    if (size != null && size < 0) {
      errors.add(FieldError.invalid(path, size, "must be greater than or equal to 0"));
    }
  }

  private static void checkMaglevTableSize(long size, FieldPath path, List<FieldError> errors) {
    if (size == 0) {
      errors.add(FieldError.required(path, "tableSize must be set for maglev"));
      return;
    }
    if (size >= MAGLEV_TABLE_LIMIT) {
      errors.add(FieldError.invalid(path, size, "tableSize must be less than 5000011 for maglev"));
    }
    if (!isPrime(size)) {
      errors.add(FieldError.invalid(path, size, "tableSize must be a prime number for maglev"));
    }
  }

  /** Envoy's primality test, which Istio copies: 1, 2 and 3 count as prime. */
  static boolean isPrime(long x) {
    if (x > 0 && x < 4) {
      return true;
    }
    if (x <= 0 || x % 2 == 0) {
      return false;
    }
    long limit = (long) Math.sqrt((double) x);
    for (long factor = 3; factor <= limit; factor += 2) {
      if (x % factor == 0) {
        return false;
      }
    }
    return true;
  }

  private static void checkWarmup(
      WarmupConfiguration warmup, FieldPath path, List<FieldError> errors) {
    if (warmup == null) {
      return;
    }
    if (warmup.getDuration() == null) {
      errors.add(FieldError.required(path.child("duration"), "duration is required"));
    } else {
      DurationField.check(warmup.getDuration(), path.child("duration"), errors);
    }
    if (warmup.getMinimumPercent() != null && warmup.getMinimumPercent() > 100) {
      errors.add(
          FieldError.invalid(
              path.child("minimumPercent"),
              warmup.getMinimumPercent(),
              "minimumPercent value should be less than or equal to 100"));
    }
    if (warmup.getAggression() != null && warmup.getAggression() <= 0) {
      errors.add(
          FieldError.invalid(
              path.child("aggression"),
              warmup.getAggression(),
              "aggression should be greater than 0"));
    }
  }

  private static void nonNegative(
      Integer value, String field, FieldPath path, List<FieldError> errors) {
    negative(value, path.child(field), field + " must be non-negative", errors);
  }

  private static void negative(
      Integer value, FieldPath path, String detail, List<FieldError> errors) {
    if (value != null && value < 0) {
      errors.add(FieldError.invalid(path, value, detail));
    }
  }
}
