package io.canarymesh.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One cleartext HTTP/2 connection to an endpoint, on one event loop, carrying many requests as
 * streams. Each stream gets an {@link UpstreamConnection} on an HTTP-object codec, so the exchange
 * relays it as it relays an HTTP/1.1 connection. The connection, not its streams, counts against
 * the cluster's {@code maxConnections}; after {@code maxRequestsPerConnection} streams, or a
 * GOAWAY, it takes no new stream and closes when its last one ends (Envoy's draining). With no
 * stream for the cluster's {@code idleTimeout} it leaves the loop's connections and closes ({@link
 * IdleTimer}).
 */
final class Http2Upstream extends ChannelInboundHandlerAdapter implements IdleTimer.Idling {
  /** Told when the stream it asked for is open, or cannot be. */
  interface StreamWaiter {
    void onStream(UpstreamConnection stream);

    /** No stream: the connection failed ({@code connectFailure}) or closed before it opened. */
    void onStreamFailed(boolean connectFailure);
  }

  final UpstreamTarget target;
  final ClusterCircuit circuit;
  private final UpstreamPool pool;
  private final Http2Upstreams owner;
  Channel channel;
  private boolean connected;
  private boolean draining;
  private boolean closed;
  private int streams;
  private int opened;
  private ArrayDeque<StreamWaiter> connecting = new ArrayDeque<>(4);
  private final IdleTimer idleTimer = new IdleTimer(this);

  Http2Upstream(
      UpstreamTarget target, ClusterCircuit circuit, UpstreamPool pool, Http2Upstreams owner) {
    this.target = target;
    this.circuit = circuit;
    this.pool = pool;
    this.owner = owner;
  }

  /** Whether a new stream may go on this connection. */
  boolean acceptsStreams() {
    return !draining && !closed;
  }

  /** Reserves a stream for {@code waiter}; it opens at once, or once the connection is up. */
  void open(StreamWaiter waiter, int maxStreams) {
    streams++;
    opened++;
    if (opened >= maxStreams) {
      drain(); // maxRequestsPerConnection counts streams
    }
    if (connected) {
      openStream(waiter);
    } else {
      connecting.add(waiter);
    }
  }

  /** The TCP connection is up (or failed): open the streams asked for meanwhile. */
  void connected(boolean success) {
    if (connecting == null) {
      return;
    }
    ArrayDeque<StreamWaiter> waiters = connecting;
    connecting = null;
    if (!success) {
      closed();
      for (StreamWaiter waiter : waiters) {
        waiter.onStreamFailed(true);
      }
      return;
    }
    connected = true;
    for (StreamWaiter waiter : waiters) {
      openStream(waiter);
    }
  }

  private void openStream(StreamWaiter waiter) {
    if (closed) {
      streams--;
      waiter.onStreamFailed(false);
      return;
    }
    UpstreamConnection stream = new UpstreamConnection(target, circuit, pool, this);
    new Http2StreamChannelBootstrap(channel)
        .handler(
            new ChannelInitializer<Http2StreamChannel>() {
              @Override
              protected void initChannel(Http2StreamChannel channel) {
                stream.channel = channel;
                channel
                    .pipeline()
                    .addLast(
                        new Http2StreamResets(stream),
                        new Http2StreamFrameToHttpObjectCodec(false),
                        new Http2Responses(),
                        stream);
              }
            })
        .open()
        .addListener(
            future -> {
              if (future.isSuccess()) {
                waiter.onStream(stream);
              } else {
                stream.closed();
                waiter.onStreamFailed(false);
              }
            });
  }

  /** Whether stream {@code id} is above the last one a GOAWAY from the upstream said it handled. */
  boolean unprocessed(int id) {
    Http2FrameCodec codec = channel == null ? null : channel.pipeline().get(Http2FrameCodec.class);
    return codec != null
        && codec.connection().goAwayReceived()
        && id > codec.connection().local().lastStreamKnownByPeer();
  }

  /** One of this connection's streams ended. */
  void streamClosed() {
    streams--;
    if (streams == 0 && channel != null) {
      if (draining) {
        channel.close();
      } else {
        idleTimer.startIdle();
      }
    }
  }

  /** Open, taking streams, and carrying none. */
  @Override
  public boolean idleNow() {
    return streams == 0 && !draining && !closed && channel != null && channel.isActive();
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public ClusterCircuit circuit() {
    return circuit;
  }

  /**
   * Idle for the timeout: new requests get another connection at once, and this one closes — the
   * codec sends GOAWAY (NO_ERROR) before it closes, as Envoy's codec does on an idle timeout.
   */
  @Override
  public void closeIdle() {
    draining = true;
    owner.remove(this);
    channel.close();
  }

  /** No new stream; closes after the last. It stays listed (and counted) until it closes. */
  private void drain() {
    if (!draining) {
      draining = true;
      if (streams == 0 && channel != null) {
        channel.close();
      }
    }
  }

  /** After the codec's: the preface is out, streams may follow. */
  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    connected(true);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Http2GoAwayFrame) {
      drain(); // streams above its last stream id are closed by the codec: 503 UC or a retry
    }
    ReferenceCountUtil.release(msg); // settings, pings and the like: the codec answered them
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** Uncounts the connection once, whether it closed or never connected. */
  private void closed() {
    if (closed) {
      return;
    }
    closed = true;
    idleTimer.cancel();
    owner.remove(this);
    circuit.connectionClosed();
  }
}
