package io.canarymesh.proxy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The proxy's Prometheus metrics, under the names Istio's dashboards use: {@code
 * istio_requests_total} and {@code istio_request_duration_milliseconds} with Istio's labels, plus
 * connection-pool overflows and outlier ejections.
 */
final class ProxyMetrics {
  static final String[] LABELS = {
    "reporter",
    "source_workload",
    "destination_service",
    "destination_workload",
    "destination_version",
    "response_code",
    "response_flags"
  };

  /** Istio's default duration buckets, in milliseconds. */
  private static final double[] DURATION_BUCKETS = {
    0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000,
    1800000, 3600000
  };

  /** Istio's size buckets, in bytes. */
  private static final double[] SIZE_BUCKETS = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};

  final Counter requests;
  final Histogram duration;
  final Histogram requestBytes;
  final Histogram responseBytes;
  final Counter overflows;
  final Counter ejections;
  final Counter badRequests;

  ProxyMetrics(PrometheusRegistry registry) {
    requests =
        Counter.builder()
            .name("istio_requests_total")
            .help("Requests served, by destination and response")
            .labelNames(LABELS)
            .register(registry);
    duration =
        Histogram.builder()
            .name("istio_request_duration_milliseconds")
            .help("Request duration in milliseconds")
            .unit(null)
            .classicOnly()
            .classicUpperBounds(DURATION_BUCKETS)
            .labelNames(LABELS)
            .register(registry);
    requestBytes = sizes(registry, "istio_request_bytes", "Request body sizes in bytes");
    responseBytes = sizes(registry, "istio_response_bytes", "Response body sizes in bytes");
    overflows =
        Counter.builder()
            .name("canary_upstream_overflow_total")
            .help("Requests refused by a connection-pool limit (503 UO)")
            .labelNames("cluster", "limit")
            .register(registry);
    ejections =
        Counter.builder()
            .name("canary_outlier_ejections_total")
            .help("Endpoints ejected by outlier detection")
            .labelNames("cluster")
            .register(registry);
    badRequests =
        Counter.builder()
            .name("canary_downstream_bad_requests_total")
            .help("Requests answered 400/408/413/431 before routing")
            .labelNames("response_code")
            .register(registry);
  }

  private static Histogram sizes(PrometheusRegistry registry, String name, String help) {
    return Histogram.builder()
        .name(name)
        .help(help)
        .unit(null)
        .classicOnly()
        .classicUpperBounds(SIZE_BUCKETS)
        .labelNames(LABELS)
        .register(registry);
  }

  /** Records a request that reached no cluster (404, 400, direct responses...). */
  void recordUnrouted(
      String sourceWorkload, int status, String flags, double millis, long bytesIn, long bytesOut) {
    String code = Integer.toString(status);
    requestBytes
        .labelValues("source", sourceWorkload, "unknown", "unknown", "unknown", code, flags)
        .observe(bytesIn);
    responseBytes
        .labelValues("source", sourceWorkload, "unknown", "unknown", "unknown", code, flags)
        .observe(bytesOut);
    requests
        .labelValues("source", sourceWorkload, "unknown", "unknown", "unknown", code, flags)
        .inc();
    duration
        .labelValues("source", sourceWorkload, "unknown", "unknown", "unknown", code, flags)
        .observe(millis);
  }
}
