package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Cluster;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a downstream connection of an L4 listener and opens its upstream, then hands over to two
 * {@link RelayHandler}s. Steps, as Envoy's tcp_proxy takes them: first matching route (by server
 * name for passthrough, by destination subnet) or close ({@code NR}) → weighted destination → its
 * cluster exists ({@code NC}) and has a ready endpoint ({@code UH}) → a connection slot under
 * {@code tcp.maxConnections} ({@code UO}) → connect on this event loop within the cluster's connect
 * timeout ({@code UF}). Bytes read meanwhile (a ClientHello, say) wait here, and no more are read
 * until the upstream is connected.
 */
final class TcpRouteHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(TcpRouteHandler.class);

  private final ProxyRuntime runtime;
  private final L4ListenerRoutes routes;
  private final boolean bySni;
  private final ArrayDeque<ByteBuf> waiting = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private TcpConnection connection;
  private boolean inputEnded;

  TcpRouteHandler(ProxyRuntime runtime, L4ListenerRoutes routes, boolean bySni) {
    this.runtime = runtime;
    this.routes = routes;
    this.bySni = bySni;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    connection = new TcpConnection(runtime, ctx.channel());
    runtime.downstreams.add(ctx.channel());
    if (!bySni) {
      if (ctx.pipeline().first() == this) {
        // plain TCP: nothing to read before the upstream is there (an SslHandler in front must
        // read its handshake, and is stopped at the first decrypted bytes instead)
        RelayHandler.autoRead(ctx.channel(), false);
      }
      route(null);
    }
    ctx.fireChannelActive();
  }

  /** Routes the connection; {@code serverName} is the ClientHello's SNI (null: none). */
  void route(String serverName) {
    if (serverName != null) {
      connection.serverName = serverName;
    }
    L4RouteEntry route = routes.select(serverName, localAddress(ctx.channel()));
    if (route == null) {
      connection.refuse(ResponseFlags.NO_ROUTE);
      return;
    }
    int destination = route.picker.pick();
    ClusterSnapshot cluster = destination < 0 ? null : route.clusters[destination];
    if (cluster == null || cluster.cluster.availability() != Cluster.Availability.SERVING) {
      connection.cluster = cluster;
      connection.refuse(ResponseFlags.NO_CLUSTER);
      return;
    }
    connection.cluster = cluster;
    int endpoint = cluster.avoidEjected(cluster.picker.pick());
    if (endpoint < 0) {
      connection.refuse(ResponseFlags.NO_HEALTHY_UPSTREAM);
      return;
    }
    if (!cluster.circuit.tryOpenConnection()) {
      runtime.metrics.overflows.labelValues(cluster.cluster.name(), "maxConnections").inc();
      connection.refuse(ResponseFlags.UPSTREAM_OVERFLOW);
      return;
    }
    connection.opened();
    connect(cluster, cluster.targets[endpoint]);
  }

  private void connect(ClusterSnapshot cluster, UpstreamTarget target) {
    connection.upstreamHost = target.hostPort();
    int timeout = (int) Math.min(Integer.MAX_VALUE, cluster.cluster.connectTimeout().toMillis());
    ChannelFuture connect =
        new Bootstrap()
            .group(ctx.channel().eventLoop())
            .channel(runtime.transport.channel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.max(1, timeout))
            .handler(new RelayHandler(connection, false))
            .connect(target.address());
    connection.upstream = connect.channel();
    connect.channel().closeFuture().addListener(closed -> cluster.circuit.connectionClosed());
    connect.addListener(
        done -> {
          if (done.isSuccess()) {
            connected();
          } else {
            LOG.debug("tcp upstream {}: {}", target.hostPort(), done.cause().toString());
            connect.channel().close();
            connection.flags = ResponseFlags.UPSTREAM_CONNECT_FAILURE;
            ctx.close();
          }
        });
  }

  /** Sends what waited, then relays; the client's reads resume. */
  private void connected() {
    if (!ctx.channel().isActive()) {
      connection.upstream.close();
      return;
    }
    Channel upstream = connection.upstream;
    ByteBuf bytes;
    while ((bytes = waiting.poll()) != null) {
      connection.received += bytes.readableBytes();
      upstream.write(bytes, upstream.voidPromise());
    }
    upstream.flush();
    connection.idle = new TcpIdleTimer(connection, connection.cluster.circuit);
    connection.idle.start();
    ctx.pipeline().replace(this, "relay", new RelayHandler(connection, true));
    if (inputEnded) {
      connection.inputEnded(ctx.channel());
    }
    RelayHandler.autoRead(ctx.channel(), true);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes && connection.upstream != null) {
      waiting.add(bytes);
      RelayHandler.autoRead(ctx.channel(), false);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == ChannelInputShutdownEvent.INSTANCE) {
      inputEnded = true;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseWaiting();
    if (connection.upstream != null) {
      connection.upstream.close();
    }
    connection.record();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseWaiting();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // a reset, a handshake failure, an oversized ClientHello: close, count, never a stack trace
    LOG.debug("tcp downstream {}: {}", ctx.channel(), cause.toString());
    ctx.close();
  }

  private void releaseWaiting() {
    ByteBuf bytes;
    while ((bytes = waiting.poll()) != null) {
      bytes.release();
    }
  }

  private static InetAddress localAddress(Channel channel) {
    return channel.localAddress() instanceof InetSocketAddress address
        ? address.getAddress()
        : null;
  }
}
