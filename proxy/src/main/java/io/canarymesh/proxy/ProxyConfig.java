package io.canarymesh.proxy;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.Listener;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * How a {@link MeshProxy} runs.
 *
 * @param binding where each listener is served; the composition decides (the standalone gateway
 *     binds gateway listeners on 127.0.0.1:port; the platform binds ClusterIPs). An empty list
 *     leaves the listener unbound.
 * @param eventLoops event-loop threads (default: one per core)
 * @param registry where metrics are registered
 * @param drainTimeout how long {@link MeshProxy#close} waits for in-flight requests
 * @param requestHeadersTimeout from a request's first byte to its complete headers; a slower client
 *     gets 408 and is disconnected (Envoy's {@code request_headers_timeout})
 * @param idleTimeout a downstream connection with no request for this long is closed
 * @param maxRequestHeadersBytes request line plus headers; larger → 431 (Envoy default 60 KiB)
 * @param maxRequestBodyBytes request body limit, 413 beyond it; 0 = no limit (bodies stream)
 * @param accessLog whether to log one line per request to the {@code io.canarymesh.proxy.access}
 *     logger
 */
public record ProxyConfig(
    Function<Listener, List<InetSocketAddress>> binding,
    int eventLoops,
    PrometheusRegistry registry,
    Duration drainTimeout,
    Duration requestHeadersTimeout,
    Duration idleTimeout,
    int maxRequestHeadersBytes,
    long maxRequestBodyBytes,
    boolean accessLog) {

  public ProxyConfig {
    requireNonNull(binding, "binding");
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be at least 1, got " + eventLoops);
    }
    requireNonNull(registry, "registry");
    requireNonNull(drainTimeout, "drainTimeout");
    requireNonNull(requestHeadersTimeout, "requestHeadersTimeout");
    requireNonNull(idleTimeout, "idleTimeout");
    if (maxRequestHeadersBytes < 1024) {
      throw new IllegalArgumentException(
          "maxRequestHeadersBytes must be at least 1024, got " + maxRequestHeadersBytes);
    }
    if (maxRequestBodyBytes < 0) {
      throw new IllegalArgumentException(
          "maxRequestBodyBytes must not be negative, got " + maxRequestBodyBytes);
    }
  }

  /** Binds gateway listeners on 127.0.0.1 at their port and leaves mesh listeners unbound. */
  public static Function<Listener, List<InetSocketAddress>> gatewaysOnLoopback() {
    return listener ->
        listener.isMesh()
            ? List.of()
            : List.of(new InetSocketAddress("127.0.0.1", listener.port()));
  }

  public static Builder builder(Function<Listener, List<InetSocketAddress>> binding) {
    return new Builder(binding);
  }

  /** Defaults: one loop per core, 10 s drain and header timeouts, 60 KiB headers, no body limit. */
  public static final class Builder {
    private final Function<Listener, List<InetSocketAddress>> binding;
    private int eventLoops = Runtime.getRuntime().availableProcessors();
    private PrometheusRegistry registry = new PrometheusRegistry();
    private Duration drainTimeout = Duration.ofSeconds(10);
    private Duration requestHeadersTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofHours(1);
    private int maxRequestHeadersBytes = 60 * 1024;
    private long maxRequestBodyBytes;
    private boolean accessLog = true;

    private Builder(Function<Listener, List<InetSocketAddress>> binding) {
      this.binding = requireNonNull(binding, "binding");
    }

    public Builder eventLoops(int eventLoops) {
      this.eventLoops = eventLoops;
      return this;
    }

    public Builder registry(PrometheusRegistry registry) {
      this.registry = registry;
      return this;
    }

    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = drainTimeout;
      return this;
    }

    public Builder requestHeadersTimeout(Duration requestHeadersTimeout) {
      this.requestHeadersTimeout = requestHeadersTimeout;
      return this;
    }

    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    public Builder maxRequestHeadersBytes(int maxRequestHeadersBytes) {
      this.maxRequestHeadersBytes = maxRequestHeadersBytes;
      return this;
    }

    public Builder maxRequestBodyBytes(long maxRequestBodyBytes) {
      this.maxRequestBodyBytes = maxRequestBodyBytes;
      return this;
    }

    public Builder accessLog(boolean accessLog) {
      this.accessLog = accessLog;
      return this;
    }

    public ProxyConfig build() {
      return new ProxyConfig(
          binding,
          eventLoops,
          registry,
          drainTimeout,
          requestHeadersTimeout,
          idleTimeout,
          maxRequestHeadersBytes,
          maxRequestBodyBytes,
          accessLog);
    }
  }
}
