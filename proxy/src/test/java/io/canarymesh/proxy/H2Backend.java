package io.canarymesh.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Netty h2c (prior knowledge) server on loopback. Answers {@code h2|METHOD|path|body} with
 * the request's trailers in header {@code x-request-trailers} and a response trailer {@code x-done:
 * yes}. The first {@code /refuse-once} is reset with REFUSED_STREAM; the first {@code
 * /goaway-unprocessed} gets a GOAWAY with last stream id 0 and a closed connection; {@code /goaway}
 * answers, then sends GOAWAY; {@code /slow} answers after 300 ms, {@code /late} after 900 ms.
 * Counts connections (accepted and still open), requests and GOAWAYs received, and keeps the last
 * request's headers.
 */
final class H2Backend implements AutoCloseable {
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger open = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger goAways = new AtomicInteger();
  final Map<String, String> lastHeaders = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;

  H2Backend() throws InterruptedException {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    connections.incrementAndGet();
                    open.incrementAndGet();
                    channel.closeFuture().addListener(f -> open.decrementAndGet());
                    channel
                        .pipeline()
                        .addLast(
                            Http2FrameCodecBuilder.forServer().build(),
                            new Http2MultiplexHandler(
                                new ChannelInitializer<Http2StreamChannel>() {
                                  @Override
                                  protected void initChannel(Http2StreamChannel stream) {
                                    stream
                                        .pipeline()
                                        .addLast(
                                            new Http2StreamFrameToHttpObjectCodec(true),
                                            new HttpObjectAggregator(1 << 20),
                                            new Handler());
                                  }
                                }),
                            new SimpleChannelInboundHandler<Http2GoAwayFrame>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, Http2GoAwayFrame goAway) {
                                goAways.incrementAndGet();
                              }
                            });
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      requests.incrementAndGet();
      lastHeaders.clear();
      request.headers().forEach(e -> lastHeaders.put(e.getKey().toLowerCase(), e.getValue()));
      if (request.uri().startsWith("/refuse-once") && refused.getAndIncrement() == 0) {
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM));
        return;
      }
      Map<String, String> trailers = new TreeMap<>();
      request.trailingHeaders().forEach(e -> trailers.put(e.getKey(), e.getValue()));
      String body =
          "h2|"
              + request.method()
              + "|"
              + request.uri()
              + "|"
              + request.content().toString(StandardCharsets.UTF_8);
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.OK,
              Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      response.headers().set("x-request-trailers", trailers.toString());
      response.trailingHeaders().set("x-done", "yes");
      if (request.uri().startsWith("/goaway-unprocessed") && refused.getAndIncrement() == 0) {
        goAwayUnprocessed(ctx.channel().parent());
        return;
      }
      if (request.uri().startsWith("/goaway")) {
        ctx.writeAndFlush(response);
        ctx.channel().parent().writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
      } else if (request.uri().startsWith("/late")) {
        ctx.executor().schedule(() -> ctx.writeAndFlush(response), 900, TimeUnit.MILLISECONDS);
      } else if (request.uri().startsWith("/slow")) {
        ctx.executor().schedule(() -> ctx.writeAndFlush(response), 300, TimeUnit.MILLISECONDS);
      } else {
        ctx.writeAndFlush(response);
      }
    }
  }

  /** GOAWAY saying no stream was processed (last stream id 0), then the connection closes. */
  private static void goAwayUnprocessed(Channel connection) {
    Http2FrameCodec codec = connection.pipeline().get(Http2FrameCodec.class);
    codec
        .goAway(
            connection.pipeline().context(codec),
            0,
            Http2Error.NO_ERROR.code(),
            Unpooled.EMPTY_BUFFER,
            connection.newPromise())
        .addListener(f -> connection.close());
    connection.flush();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
