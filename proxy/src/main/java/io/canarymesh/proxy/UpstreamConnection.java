package io.canarymesh.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * One pooled HTTP/1.1 connection to an endpoint, on the event loop of the downstream connections
 * that use it. Relays what the upstream sends to the exchange currently using it; counts itself
 * against its cluster's circuit until closed. The same handler serves one stream of an HTTP/2
 * connection ({@link #parent} set): the exchange then reads and writes HTTP objects on the stream
 * channel just as on an HTTP/1.1 connection; the stream is never pooled, and the HTTP/2 connection,
 * not the stream, counts against the circuit.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter implements IdleTimer.Idling {
  final UpstreamTarget target;
  final ClusterCircuit circuit;
  final UpstreamPool pool;

  /** The HTTP/2 connection this is a stream of; null for an HTTP/1.1 connection. */
  final Http2Upstream parent;

  Channel channel;

  /** The RST_STREAM error code the upstream reset this stream with; -1 if none. */
  long resetCode = -1;

  /** The exchange using this connection; null while idle in the pool. */
  UpstreamUser exchange;

  boolean idle;
  int requests;
  final IdleTimer idleTimer = new IdleTimer(this);
  private boolean closed;

  UpstreamConnection(UpstreamTarget target, ClusterCircuit circuit, UpstreamPool pool) {
    this(target, circuit, pool, null);
  }

  UpstreamConnection(
      UpstreamTarget target, ClusterCircuit circuit, UpstreamPool pool, Http2Upstream parent) {
    this.target = target;
    this.circuit = circuit;
    this.pool = pool;
    this.parent = parent;
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
    if (parent != null) {
      parent.streamClosed();
      return;
    }
    if (idle) {
      pool.removeIdle(this);
    }
    circuit.connectionClosed();
  }

  /**
   * Whether the upstream refused this HTTP/2 stream unprocessed: RST_STREAM REFUSED_STREAM, or a
   * GOAWAY whose last stream id is below it (what Envoy, through nghttp2, also reads as refused).
   */
  boolean refused() {
    return resetCode == Http2Error.REFUSED_STREAM.code()
        || (parent != null
            && channel instanceof Http2StreamChannel stream
            && parent.unprocessed(stream.stream().id()));
  }

  @Override
  public boolean idleNow() {
    return idle && usable();
  }

  @Override
  public void closeIdle() {
    pool.removeIdle(this);
    channel.close();
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public ClusterCircuit circuit() {
    return circuit;
  }

  boolean usable() {
    return !closed && channel != null && channel.isActive();
  }
}
