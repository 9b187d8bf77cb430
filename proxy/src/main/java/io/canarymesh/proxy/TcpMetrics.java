package io.canarymesh.proxy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Istio's TCP metrics, with its standard labels: {@code istio_tcp_connections_opened_total} and
 * {@code istio_tcp_connections_closed_total}, {@code istio_tcp_received_bytes_total} (client to
 * upstream) and {@code istio_tcp_sent_bytes_total} (upstream to client). Bytes are added when the
 * connection closes (Envoy reports open connections periodically as well; we do not).
 */
final class TcpMetrics {
  static final String[] LABELS = {
    "reporter",
    "source_workload",
    "destination_service",
    "destination_workload",
    "destination_version",
    "request_protocol",
    "response_flags"
  };

  final Counter opened;
  final Counter closed;
  final Counter received;
  final Counter sent;

  TcpMetrics(PrometheusRegistry registry) {
    opened = counter(registry, "istio_tcp_connections_opened_total", "TCP connections opened");
    closed = counter(registry, "istio_tcp_connections_closed_total", "TCP connections closed");
    received =
        counter(registry, "istio_tcp_received_bytes_total", "Bytes received from TCP clients");
    sent = counter(registry, "istio_tcp_sent_bytes_total", "Bytes sent to TCP clients");
  }

  private static Counter counter(PrometheusRegistry registry, String name, String help) {
    return Counter.builder().name(name).help(help).labelNames(LABELS).register(registry);
  }

  /** A connection was routed (flags {@code -}) or refused before reaching an upstream. */
  void opened(String service, String version, String flags) {
    opened.labelValues(labels(service, version, flags)).inc();
  }

  /** A connection ended after relaying {@code receivedBytes} and {@code sentBytes}. */
  void closed(String service, String version, String flags, long receivedBytes, long sentBytes) {
    String[] labels = labels(service, version, flags);
    closed.labelValues(labels).inc();
    received.labelValues(labels).inc(receivedBytes);
    sent.labelValues(labels).inc(sentBytes);
  }

  private static String[] labels(String service, String version, String flags) {
    return new String[] {
      "source", ProxyRuntime.GATEWAY_WORKLOAD, service, "unknown", version, "tcp", flags
    };
  }
}
