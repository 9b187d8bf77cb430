package io.canarymesh.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP backend on 127.0.0.1:0 (Netty): echoes what it reads, with backpressure (reads stop
 * while its client does not drain) and half-close (after the client's FIN, it sends what is left
 * and its own FIN). With a certificate it terminates TLS first and prefixes each echo with its
 * name, so a client sees whose certificate and whose answer it got. Counts connections.
 */
final class TcpBackend implements AutoCloseable {
  final String name;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger open = new AtomicInteger();
  final java.util.concurrent.atomic.AtomicLong bytesRead =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.Set<Channel> children =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final boolean sink;
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final SelfSignedCertificate certificate;
  private final Channel server;

  /** A plain echo server. */
  static TcpBackend echo(String name) throws Exception {
    return new TcpBackend(name, null, false);
  }

  /**
   * A server that reads nothing until {@link #drain()}, then counts and discards what it reads: a
   * slow upstream, for backpressure.
   */
  static TcpBackend sink(String name) throws Exception {
    return new TcpBackend(name, null, true);
  }

  /** A sink starts reading. */
  void drain() {
    children.forEach(child -> child.config().setAutoRead(true));
  }

  /**
   * A TLS server with a self-signed certificate for {@code host} that answers {@code name:line}.
   */
  static TcpBackend tls(String name, String host) throws Exception {
    return new TcpBackend(name, new SelfSignedCertificate(host), false);
  }

  private TcpBackend(String name, SelfSignedCertificate certificate, boolean sink)
      throws Exception {
    this.name = name;
    this.sink = sink;
    this.certificate = certificate;
    SslContext tls =
        certificate == null
            ? null
            : SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey())
                .build();
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    connections.incrementAndGet();
                    open.incrementAndGet();
                    channel.closeFuture().addListener(f -> open.decrementAndGet());
                    children.add(channel);
                    if (TcpBackend.this.sink) {
                      channel.config().setAutoRead(false);
                      channel.pipeline().addLast(new Sink());
                      return;
                    }
                    if (tls != null) {
                      channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                    }
                    channel.pipeline().addLast(new Echo(tls == null ? null : name + ":"));
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  int port() {
    return ((java.net.InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    if (certificate != null) {
      certificate.delete();
    }
  }

  /** Counts and releases. */
  private final class Sink extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      bytesRead.addAndGet(((ByteBuf) msg).readableBytes());
      ((ByteBuf) msg).release();
    }
  }

  /** Echoes with backpressure; {@code prefix} (TLS backends) goes before each chunk. */
  private static final class Echo extends ChannelInboundHandlerAdapter {
    private final String prefix;

    Echo(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (prefix != null) {
        ctx.write(Unpooled.copiedBuffer(prefix, StandardCharsets.US_ASCII));
      }
      ctx.write((ByteBuf) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
      if (!ctx.channel().isWritable()) {
        ctx.channel().config().setAutoRead(false);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event == ChannelInputShutdownEvent.INSTANCE) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER)
            .addListener(
                f ->
                    ((SocketChannel) ctx.channel())
                        .shutdownOutput()
                        .addListener(done -> ctx.close())); // both directions ended
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
