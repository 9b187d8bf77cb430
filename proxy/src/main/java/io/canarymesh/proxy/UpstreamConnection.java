package io.canarymesh.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One pooled HTTP/1.1 connection to an endpoint, on the event loop of the downstream connections
 * that use it. Relays what the upstream sends to the exchange currently using it; counts itself
 * against its cluster's circuit until closed.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {
  final UpstreamTarget target;
  final ClusterCircuit circuit;
  final UpstreamPool pool;
  Channel channel;

  /** The exchange using this connection; null while idle in the pool. */
  UpstreamUser exchange;

  boolean idle;
  int requests;
  final UpstreamIdleTimer idleTimer = new UpstreamIdleTimer(this);
  private boolean closed;

  UpstreamConnection(UpstreamTarget target, ClusterCircuit circuit, UpstreamPool pool) {
    this.target = target;
    this.circuit = circuit;
    this.pool = pool;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    UpstreamUser current = exchange;
    if (current == null) {
      ReferenceCountUtil.release(msg);
      ctx.close(); // an idle connection must not speak: drop it
      return;
    }
    current.onUpstreamRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    UpstreamUser current = exchange;
    if (current != null) {
      current.onUpstreamReadComplete();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    UpstreamUser current = exchange;
    if (current != null) {
      current.onUpstreamWritabilityChanged();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed();
    UpstreamUser current = exchange;
    exchange = null;
    if (current != null) {
      current.onUpstreamClosed();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** Uncounts this connection once, whether it closed by itself or was never established. */
  void closed() {
    if (closed) {
      return;
    }
    closed = true;
    idleTimer.cancel();
    if (idle) {
      pool.removeIdle(this);
    }
    circuit.connectionClosed();
  }

  boolean usable() {
    return !closed && channel != null && channel.isActive();
  }
}
