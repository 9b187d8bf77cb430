package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Cluster;
import io.canarymesh.mesh.model.Endpoint;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.util.List;

/**
 * One cluster's metric series, cached by response code for the common case (no response flags), so
 * recording a successful request does not build label arrays. The cache is filled lazily; a racing
 * fill stores the same series twice, which is harmless.
 */
final class ClusterMetrics {
  private static final int CODES = 600;

  private final ProxyMetrics metrics;
  final String service;
  final String version;
  private final CounterDataPoint[][] counters = new CounterDataPoint[2][CODES];
  private final DistributionDataPoint[][] durations = new DistributionDataPoint[2][CODES];
  private final DistributionDataPoint[][] requestSizes = new DistributionDataPoint[2][CODES];
  private final DistributionDataPoint[][] responseSizes = new DistributionDataPoint[2][CODES];

  ClusterMetrics(ProxyMetrics metrics, Cluster cluster) {
    this.metrics = metrics;
    this.service = cluster.host();
    this.version = version(cluster);
  }

  /** The subset's name, else the endpoints' common {@code version} label, else unknown. */
  private static String version(Cluster cluster) {
    if (cluster.subset().isPresent()) {
      return cluster.subset().get();
    }
    List<String> versions =
        cluster.endpoints().stream()
            .map(Endpoint::labels)
            .map(labels -> labels.getOrDefault("version", "unknown"))
            .distinct()
            .toList();
    return versions.size() == 1 ? versions.get(0) : "unknown";
  }

  void record(
      boolean gateway, int status, String flags, double millis, long bytesIn, long bytesOut) {
    String source = gateway ? ProxyRuntime.GATEWAY_WORKLOAD : "unknown";
    if (!flags.equals(ResponseFlags.NONE) || status < 0 || status >= CODES) {
      String code = Integer.toString(status);
      metrics
          .requests
          .labelValues("source", source, service, "unknown", version, code, flags)
          .inc();
      metrics
          .duration
          .labelValues("source", source, service, "unknown", version, code, flags)
          .observe(millis);
      metrics
          .requestBytes
          .labelValues("source", source, service, "unknown", version, code, flags)
          .observe(bytesIn);
      metrics
          .responseBytes
          .labelValues("source", source, service, "unknown", version, code, flags)
          .observe(bytesOut);
      return;
    }
    int row = gateway ? 0 : 1;
    CounterDataPoint counter = counters[row][status];
    DistributionDataPoint histogram = durations[row][status];
    DistributionDataPoint requestSize = requestSizes[row][status];
    DistributionDataPoint responseSize = responseSizes[row][status];
    if (counter == null || histogram == null || requestSize == null || responseSize == null) {
      String code = Integer.toString(status);
      counter =
          metrics.requests.labelValues("source", source, service, "unknown", version, code, flags);
      histogram =
          metrics.duration.labelValues("source", source, service, "unknown", version, code, flags);
      requestSize =
          metrics.requestBytes.labelValues(
              "source", source, service, "unknown", version, code, flags);
      responseSize =
          metrics.responseBytes.labelValues(
              "source", source, service, "unknown", version, code, flags);
      counters[row][status] = counter;
      durations[row][status] = histogram;
      requestSizes[row][status] = requestSize;
      responseSizes[row][status] = responseSize;
    }
    counter.inc();
    histogram.observe(millis);
    requestSize.observe(bytesIn);
    responseSize.observe(bytesOut);
  }
}
