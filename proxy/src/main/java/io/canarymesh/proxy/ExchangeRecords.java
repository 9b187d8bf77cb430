package io.canarymesh.proxy;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * What a finished exchange leaves behind: the outcome outlier detection judges its endpoint by, its
 * metrics, and its access-log line.
 */
final class ExchangeRecords {
  private ExchangeRecords() {}

  /**
   * The status the endpoint answered for, or 0 when the endpoint is not to blame. Only what the
   * endpoint did counts: its answer (also after an injected delay), a reset or a timeout (both as
   * 503); not an overflow, a client gone away or a local answer. E.g. 200 with no flags → 200,
   * {@code UT} → 503, {@code UO} → 0.
   */
  static int outlierOutcome(String flags, int status) {
    return switch (flags) {
      case ResponseFlags.NONE, ResponseFlags.FAULT_DELAY -> status;
      case ResponseFlags.UPSTREAM_TERMINATION, ResponseFlags.UPSTREAM_TIMEOUT -> 503;
      default -> 0;
    };
  }

  /** Counts the exchange on its cluster, or as unrouted when it never reached one. */
  static void metrics(
      ProxyRuntime runtime,
      ListenerRoutes listener,
      ClusterSnapshot cluster,
      int status,
      String flags,
      double millis,
      long bytesIn,
      long bytesOut) {
    boolean gateway = listener == null || !listener.listener().isMesh();
    if (cluster != null) {
      cluster.metrics.record(gateway, status, flags, millis, bytesIn, bytesOut);
    } else {
      runtime.metrics.recordUnrouted(
          gateway ? ProxyRuntime.GATEWAY_WORKLOAD : "unknown",
          status,
          flags,
          millis,
          bytesIn,
          bytesOut);
    }
  }

  /** Logs the access-log line when the access log is on (the line is built only then). */
  static void accessLog(
      ProxyRuntime runtime,
      String method,
      String path,
      String protocol,
      int status,
      String flags,
      long bytesIn,
      long bytesOut,
      double millis,
      HttpHeaders requestHeaders,
      UpstreamTarget target,
      ClusterSnapshot cluster,
      Channel client) {
    if (!runtime.config.accessLog() || !AccessLog.LOG.isInfoEnabled()) {
      return;
    }
    String ip = ClientAddress.ip(client);
    AccessLog.LOG.info(
        AccessLog.line(
            method,
            path,
            protocol,
            status,
            flags,
            bytesIn,
            bytesOut,
            (long) millis,
            requestHeaders,
            target == null ? "-" : target.hostPort(),
            cluster == null ? "-" : cluster.cluster.name(),
            ip == null ? "-" : ip));
  }
}
