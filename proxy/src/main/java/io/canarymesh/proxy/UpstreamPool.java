package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Cluster;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Idle upstream connections of one event loop, by cluster and endpoint. Only its own loop touches
 * it, so it needs no locks; downstream connections on this loop reuse these upstream ones.
 */
final class UpstreamPool {
  final EventLoop loop;
  private final Bootstrap bootstrap;
  private final Map<String, ArrayDeque<UpstreamConnection>> idle = new HashMap<>();

  /** This loop's HTTP/2 connections (clusters with protocol HTTP2). */
  final Http2Upstreams http2;

  UpstreamPool(EventLoop loop, Transport transport) {
    this.loop = loop;
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(transport.channel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true);
    this.http2 = new Http2Upstreams(this, bootstrap);
  }

  /** The most recently used live idle connection to {@code target}, or null. */
  UpstreamConnection pollIdle(UpstreamTarget target) {
    ArrayDeque<UpstreamConnection> connections = idle.get(target.poolKey());
    if (connections == null) {
      return null;
    }
    UpstreamConnection connection;
    while ((connection = connections.pollLast()) != null) {
      connection.idle = false;
      connection.circuit.idle.decrementAndGet();
      if (connection.usable()) {
        return connection;
      }
    }
    return null;
  }

  void offer(UpstreamConnection connection) {
    connection.exchange = null;
    connection.idle = true;
    connection.circuit.idle.incrementAndGet();
    idle.computeIfAbsent(connection.target.poolKey(), key -> new ArrayDeque<>())
        .addLast(connection);
    connection.idleTimer.startIdle();
  }

  void removeIdle(UpstreamConnection connection) {
    ArrayDeque<UpstreamConnection> connections = idle.get(connection.target.poolKey());
    if (connections != null && connections.remove(connection)) {
      connection.idle = false;
      connection.circuit.idle.decrementAndGet();
    }
  }

  /** Closes one idle connection of {@code circuit}'s cluster, freeing a slot for a waiter. */
  void closeOneIdle(ClusterCircuit circuit) {
    for (Iterator<ArrayDeque<UpstreamConnection>> it = idle.values().iterator(); it.hasNext(); ) {
      ArrayDeque<UpstreamConnection> connections = it.next();
      UpstreamConnection first = connections.peekFirst();
      if (first != null && first.circuit == circuit) {
        UpstreamConnection victim = connections.pollFirst();
        victim.idle = false;
        circuit.idle.decrementAndGet();
        victim.channel.close();
        return;
      }
    }
  }

  /** Opens a connection; the caller already reserved its slot in the circuit. */
  ChannelFuture connect(UpstreamConnection connection, Cluster cluster) {
    int timeout = (int) Math.min(Integer.MAX_VALUE, cluster.connectTimeout().toMillis());
    return bootstrap
        .clone()
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, timeout))
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel channel) {
                connection.channel = channel;
                channel.pipeline().addLast(new HttpClientCodec(), connection);
              }
            })
        .connect(connection.target.address());
  }
}
