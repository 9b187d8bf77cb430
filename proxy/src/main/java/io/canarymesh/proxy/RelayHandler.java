package io.canarymesh.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the bytes one side of a {@link TcpConnection} reads to the other side, with backpressure:
 * this side's reads stop while the peer is not writable and resume when it drains (toggled only on
 * a real change: each toggle is an {@code epoll_ctl}). A FIN is passed on as a half-close, a close
 * closes the peer after its queued bytes were written. One instance per side.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

  private final TcpConnection connection;
  private final boolean fromClient;

  RelayHandler(TcpConnection connection, boolean fromClient) {
    this.connection = connection;
    this.fromClient = fromClient;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Channel peer = connection.peer(ctx.channel());
    if (!(msg instanceof ByteBuf bytes) || !peer.isActive()) {
      ReferenceCountUtil.release(msg);
      return;
    }
    connection.idle.activity();
    if (fromClient) {
      connection.received += bytes.readableBytes();
    } else {
      connection.sent += bytes.readableBytes();
    }
    peer.write(bytes, peer.voidPromise());
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    Channel peer = connection.peer(ctx.channel());
    peer.flush();
    if (!peer.isWritable()) {
      autoRead(ctx.channel(), false);
    }
  }

  /** This side drained (or filled up): let the peer read again (or stop it). */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    autoRead(connection.peer(ctx.channel()), ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == ChannelInputShutdownEvent.INSTANCE) {
      connection.inputEnded(ctx.channel());
    }
    ReferenceCountUtil.release(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.close();
    if (fromClient) {
      connection.record();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // a reset or a broken pipe: the connection is over, not the proxy
    LOG.debug("tcp relay {}: {}", ctx.channel(), cause.toString());
    connection.close();
  }

  static void autoRead(Channel channel, boolean on) {
    if (channel.config().isAutoRead() != on) {
      channel.config().setAutoRead(on);
    }
  }
}
