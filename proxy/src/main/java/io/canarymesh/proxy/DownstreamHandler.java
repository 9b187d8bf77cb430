package io.canarymesh.proxy;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * One client connection: hands each request to a new {@link Exchange}, one at a time. Pipelined
 * requests that arrive while a response is still on its way wait in order; the connection is not
 * read meanwhile.
 */
final class DownstreamHandler extends ChannelInboundHandlerAdapter {
  private static final int MAX_WAITING = 32;
  private final ProxyRuntime runtime;
  private final Supplier<String> listenerName;
  private final RequestHeadersTimeoutHandler headersTimeout;
  private ChannelHandlerContext ctx;
  private Exchange current;
  private ArrayDeque<Object> waiting;

  DownstreamHandler(
      ProxyRuntime runtime,
      Supplier<String> listenerName,
      RequestHeadersTimeoutHandler headersTimeout) {
    this.runtime = runtime;
    this.listenerName = listenerName;
    this.headersTimeout = headersTimeout;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    this.ctx = ctx;
    runtime.downstreams.add(ctx.channel());
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (current != null && current.tunneling()) {
      if (msg instanceof io.netty.buffer.ByteBuf bytes) {
        current.onTunnelData(bytes);
      } else {
        ReferenceCountUtil.release(msg);
      }
      return;
    }
    if ((current != null && current.requestComplete()) || (waiting != null && !waiting.isEmpty())) {
      if (waiting == null) {
        waiting = new ArrayDeque<>(2);
      }
      waiting.add(msg);
      if (waiting.size() >= MAX_WAITING) {
        ctx.channel().config().setAutoRead(false); // a pipelining client waits for us
      }
      return;
    }
    dispatch(msg);
  }

  private void dispatch(Object msg) {
    if (msg instanceof HttpRequest request) {
      HttpContent body = null;
      if (msg instanceof FullHttpRequest full && full.decoderResult().isSuccess()) {
        // an HTTP/2 stream's whole request: split it into head and body, as HTTP/1.1 comes
        request =
            new DefaultHttpRequest(
                full.protocolVersion(), full.method(), full.uri(), full.headers());
        body = new DefaultLastHttpContent(full.content(), full.trailingHeaders());
      }
      headersTimeout.headReceived();
      runtime.inFlight.incrementAndGet();
      Exchange exchange = new Exchange(this, ctx, runtime, request);
      current = exchange;
      exchange.start(listenerName.get());
      if (body != null) {
        if (exchange.done) {
          body.release();
        } else {
          exchange.onRequestContent(body);
        }
      }
    } else if (msg instanceof HttpContent content) {
      if (current == null) {
        content.release(); // the rest of a body whose request was already answered
      } else {
        current.onRequestContent(content);
      }
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  /** The exchange ended: close, or move on to the next request. */
  void exchangeDone(Exchange exchange, boolean close, ChannelFuture lastWrite) {
    if (current == exchange) {
      current = null;
    }
    if (close || !ctx.channel().isActive()) {
      releaseWaiting();
      if (lastWrite != null) {
        lastWrite.addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.close();
      }
      return;
    }
    headersTimeout.awaitHead();
    while (waiting != null
        && !waiting.isEmpty()
        && (current == null || !current.requestComplete())) {
      dispatch(waiting.poll());
    }
    if (current != null) {
      current.flushUpstream(); // a queued request went out outside a read of this channel
    }
    if (current == null && !ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (current != null) {
      current.flushUpstream();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (current != null) {
      current.onDownstreamWritabilityChanged();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    releaseWaiting();
    if (current != null) {
      current.onDownstreamClosed();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // resets and the like; the exchange is told through channelInactive
  }

  private void releaseWaiting() {
    if (waiting != null) {
      waiting.forEach(ReferenceCountUtil::release);
      waiting.clear();
    }
  }
}
