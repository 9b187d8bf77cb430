package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Cluster;
import io.canarymesh.mesh.model.RouteTable;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every connection handler of one proxy shares: the current snapshot (one volatile read per
 * request), the per-event-loop upstream pools, the long-lived cluster circuits and the metrics.
 */
final class ProxyRuntime {
  static final String GATEWAY_WORKLOAD = "istio-ingressgateway";

  final ProxyConfig config;
  final ProxyMetrics metrics;
  final TcpMetrics tcpMetrics;
  final Transport transport;
  final ChannelGroup downstreams = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  final AtomicInteger inFlight = new AtomicInteger();
  private final Map<EventLoop, UpstreamPool> pools = new IdentityHashMap<>();
  private final Map<String, ClusterCircuit> circuits = new ConcurrentHashMap<>();
  private volatile RouteSnapshot snapshot;
  volatile boolean draining;

  ProxyRuntime(ProxyConfig config, Transport transport, EventLoopGroup loops) {
    this.config = config;
    this.transport = transport;
    this.metrics = new ProxyMetrics(config.registry());
    this.tcpMetrics = new TcpMetrics(config.registry());
    for (EventExecutor executor : loops) {
      EventLoop loop = (EventLoop) executor;
      pools.put(loop, new UpstreamPool(loop, transport));
    }
    this.snapshot = compile(RouteTable.empty());
  }

  RouteSnapshot snapshot() {
    return snapshot;
  }

  void swap(RouteSnapshot next) {
    snapshot = next;
  }

  RouteSnapshot compile(RouteTable table) {
    return RouteSnapshot.compile(
        table, this::circuit, cluster -> new ClusterMetrics(metrics, cluster));
  }

  UpstreamPool pool(EventLoop loop) {
    return pools.get(loop);
  }

  /** Asks every loop to close one idle connection of {@code circuit}, so a waiter gets a slot. */
  void evictIdle(ClusterCircuit circuit) {
    for (UpstreamPool pool : pools.values()) {
      pool.loop.execute(() -> pool.closeOneIdle(circuit));
    }
  }

  private ClusterCircuit circuit(Cluster cluster) {
    ClusterCircuit circuit =
        circuits.computeIfAbsent(
            cluster.name(), name -> new ClusterCircuit(name, cluster.limits()));
    circuit.limits(cluster.limits());
    return circuit;
  }
}
