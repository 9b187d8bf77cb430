package io.canarymesh.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The HTTP/2 upstream connections of one event loop, by cluster and endpoint. Only its own loop
 * touches it (no locks). A request gets a stream on the first connection that takes one; a new
 * connection is opened only when none does, within {@code maxConnections}, which counts draining
 * connections too — except that an endpoint with no connection at all on this loop always gets one,
 * as Envoy's circuit-breaking docs say ("Envoy will ensure that a host selected by cluster load
 * balancing has at least one connection allocated"), so requests never wait for a connection
 * another loop holds.
 */
final class Http2Upstreams {
  private final UpstreamPool pool;
  private final Bootstrap bootstrap;
  private final Map<String, ArrayDeque<Http2Upstream>> connections = new HashMap<>();

  Http2Upstreams(UpstreamPool pool, Bootstrap bootstrap) {
    this.pool = pool;
    this.bootstrap = bootstrap;
  }

  /**
   * Opens a stream to {@code target} for {@code waiter}; false when every connection of this loop
   * to it is draining and the circuit allows no new one (the caller waits for a connection to
   * close, or overflows).
   */
  boolean open(UpstreamTarget target, ClusterSnapshot cluster, Http2Upstream.StreamWaiter waiter) {
    ArrayDeque<Http2Upstream> open = connections.get(target.poolKey());
    Http2Upstream chosen = null;
    if (open != null) {
      for (Http2Upstream connection : open) {
        if (connection.acceptsStreams()) {
          chosen = connection;
          break;
        }
      }
    }
    if (chosen == null) {
      if (!cluster.circuit.tryOpenConnection()) {
        if (open != null && !open.isEmpty()) {
          return false;
        }
        cluster.circuit.connections.incrementAndGet(); // the endpoint's first connection here
      }
      chosen = connect(target, cluster);
    }
    chosen.open(waiter, cluster.circuit.limits().maxRequestsPerConnection());
    return true;
  }

  private Http2Upstream connect(UpstreamTarget target, ClusterSnapshot cluster) {
    Http2Upstream connection = new Http2Upstream(target, cluster.circuit, pool, this);
    connections.computeIfAbsent(target.poolKey(), key -> new ArrayDeque<>(2)).add(connection);
    int timeout = (int) Math.min(Integer.MAX_VALUE, cluster.cluster.connectTimeout().toMillis());
    bootstrap
        .clone()
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, timeout))
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel channel) {
                connection.channel = channel;
                channel
                    .pipeline()
                    .addLast(
                        Http2FrameCodecBuilder.forClient()
                            .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                            // beyond the server's SETTINGS_MAX_CONCURRENT_STREAMS, streams wait
                            .encoderEnforceMaxConcurrentStreams(true)
                            .build(),
                        new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()),
                        connection);
              }
            })
        .connect(target.address())
        .addListener(
            future -> {
              if (!future.isSuccess()) {
                connection.connected(false);
              } // success: once the codec sent the preface (Http2Upstream.channelActive)
            });
    return connection;
  }

  void remove(Http2Upstream connection) {
    ArrayDeque<Http2Upstream> open = connections.get(connection.target.poolKey());
    if (open != null) {
      open.remove(connection);
      if (open.isEmpty()) {
        connections.remove(connection.target.poolKey());
      }
    }
  }
}
