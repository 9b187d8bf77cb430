package io.canarymesh.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Guards the wait for a request's headers, in front of the decoder: from the first byte of a
 * request, the headers must be complete within the timeout, or the client gets 408 and is
 * disconnected (a slow client cannot hold a connection open by trickling bytes); a connection that
 * sends nothing for the idle timeout is closed. One timer per connection, re-armed lazily, so a
 * busy keep-alive connection schedules nothing per request.
 */
final class RequestHeadersTimeoutHandler extends ChannelInboundHandlerAdapter {
  private static final byte[] TIMEOUT_RESPONSE =
      ("HTTP/1.1 408 Request Timeout\r\ncontent-length: 24\r\ncontent-type: text/plain\r\n"
              + "connection: close\r\n\r\nrequest headers timeout\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final long headersTimeoutNanos;
  private final long idleTimeoutNanos;
  private final ProxyMetrics metrics;
  private ChannelHandlerContext ctx;
  private boolean awaitingHead = true;
  private long headStartNanos;
  private long idleSinceNanos;

  RequestHeadersTimeoutHandler(long headersTimeoutNanos, long idleTimeoutNanos, ProxyMetrics m) {
    this.headersTimeoutNanos = headersTimeoutNanos;
    this.idleTimeoutNanos = idleTimeoutNanos;
    this.metrics = m;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    this.ctx = ctx;
    idleSinceNanos = System.nanoTime();
    schedule(Math.min(headersTimeoutNanos, idleTimeoutNanos));
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (awaitingHead && headStartNanos == 0 && msg instanceof ByteBuf buf && buf.isReadable()) {
      headStartNanos = System.nanoTime();
    }
    ctx.fireChannelRead(msg);
  }

  /** The decoder produced a request head. */
  void headReceived() {
    awaitingHead = false;
    headStartNanos = 0;
  }

  /** The previous exchange ended: the next bytes start a new request. */
  void awaitHead() {
    awaitingHead = true;
    headStartNanos = 0;
    idleSinceNanos = System.nanoTime();
  }

  private void schedule(long delayNanos) {
    ctx.executor().schedule(this::check, Math.max(delayNanos, 1_000_000), TimeUnit.NANOSECONDS);
  }

  private void check() {
    if (!ctx.channel().isActive()) {
      return;
    }
    long now = System.nanoTime();
    if (awaitingHead && headStartNanos != 0) {
      long left = headStartNanos + headersTimeoutNanos - now;
      if (left <= 0) {
        metrics.badRequests.labelValues("408").inc();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT_RESPONSE))
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      schedule(left);
    } else if (awaitingHead) {
      long left = idleSinceNanos + idleTimeoutNanos - now;
      if (left <= 0) {
        ctx.close();
        return;
      }
      schedule(Math.min(left, headersTimeoutNanos));
    } else {
      schedule(headersTimeoutNanos);
    }
  }
}
