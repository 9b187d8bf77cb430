package io.canarymesh.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;
import java.util.Locale;

/**
 * TLS passthrough's first step: Netty's ClientHello parsing (as Envoy's tls_inspector) reads the
 * server name without terminating anything, then hands the connection to {@link TcpRouteHandler}
 * and leaves the pipeline; the ClientHello bytes it held go on to the upstream unchanged. Bytes
 * that are not TLS, or a ClientHello without SNI, give a null name (closed: {@code NR}); no
 * ClientHello within the handshake timeout, or one over 64 KiB, closes the connection.
 */
final class SniRouter extends AbstractSniHandler<String> {
  /** Envoy's tls_inspector default: a longer ClientHello closes the connection. */
  static final int MAX_CLIENT_HELLO_BYTES = 64 * 1024;

  private final TcpRouteHandler router;

  SniRouter(TcpRouteHandler router, long handshakeTimeoutMillis) {
    super(MAX_CLIENT_HELLO_BYTES, handshakeTimeoutMillis);
    this.router = router;
  }

  @Override
  protected Future<String> lookup(ChannelHandlerContext ctx, String hostname) {
    return ctx.executor().newSucceededFuture(hostname);
  }

  @Override
  protected void onLookupComplete(
      ChannelHandlerContext ctx, String hostname, Future<String> future) {
    // no more reads until the upstream is connected; what was read stays queued
    RelayHandler.autoRead(ctx.channel(), false);
    router.route(hostname == null ? null : hostname.toLowerCase(Locale.ROOT));
    if (ctx.channel().isActive()) {
      ctx.pipeline().remove(this);
    }
  }
}
