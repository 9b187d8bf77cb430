package io.canarymesh.proxy;

import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;

/**
 * The pipeline of a connection on an L4 listener (a gateway's, or a mesh TCP/TLS service port):
 * [{@code SniRouter} for TLS passthrough and mesh TLS ports with {@code tls} routes, or {@code
 * SslHandler} for a TLS server that terminates] → {@link TcpRouteHandler}, which becomes a {@link
 * RelayHandler} once the upstream is connected. Half-closes are allowed so a client's FIN reaches
 * the upstream while the answer still flows back.
 */
final class TcpPipeline {
  private TcpPipeline() {}

  static void init(
      SocketChannel channel, ProxyRuntime runtime, L4ListenerRoutes routes, SslContext tls) {
    channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    boolean bySni = routes.bySni;
    TcpRouteHandler router = new TcpRouteHandler(runtime, routes, bySni);
    if (bySni) {
      channel
          .pipeline()
          .addLast(new SniRouter(router, runtime.config.requestHeadersTimeout().toMillis()));
    } else if (tls != null) {
      channel.pipeline().addLast(tls.newHandler(channel.alloc()));
    }
    channel.pipeline().addLast(router);
  }
}
