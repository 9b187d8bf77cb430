package io.canarymesh.apiserver.http;

import static java.util.Objects.requireNonNull;

import io.canarymesh.apiserver.rest.ResourceHandler;
import io.canarymesh.apiserver.rest.WatchHandler;
import io.canarymesh.model.KindRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The listening socket: TLS (when given), HTTP/1.1, the body limit, then {@link ApiHttpHandler}.
 */
public final class ApiHttpServer implements AutoCloseable {
  public static final int DEFAULT_BODY_LIMIT = 3 * 1024 * 1024;

  private final EventLoopGroup loops;
  private final ExecutorService workers;
  private final Channel channel;

  private ApiHttpServer(EventLoopGroup loops, ExecutorService workers, Channel channel) {
    this.loops = loops;
    this.workers = workers;
    this.channel = channel;
  }

  /** Binds and starts serving; returns once the socket listens. */
  public static ApiHttpServer start(
      InetSocketAddress bind,
      Optional<SslContext> tls,
      KindRegistry registry,
      Predicate<String> authenticator,
      NonResourceRoutes routes,
      ResourceHandler resources,
      WatchHandler watches) {
    requireNonNull(bind, "bind");
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    ApiHttpHandler handler =
        new ApiHttpHandler(registry, authenticator, routes, resources, watches, workers);
    try {
      Channel channel =
          new ServerBootstrap()
              .group(loops)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      tls.ifPresent(ctx -> ch.pipeline().addLast(ctx.newHandler(ch.alloc())));
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new BodyLimitAggregator(DEFAULT_BODY_LIMIT))
                          .addLast(handler);
                    }
                  })
              .bind(bind)
              .sync()
              .channel();
      return new ApiHttpServer(loops, workers, channel);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      loops.shutdownGracefully();
      throw new IllegalStateException("interrupted while binding " + bind, e);
    } catch (RuntimeException e) {
      loops.shutdownGracefully();
      workers.shutdownNow();
      throw e;
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownNow();
  }
}
