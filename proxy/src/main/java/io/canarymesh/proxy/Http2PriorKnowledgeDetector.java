package io.canarymesh.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.util.List;
import java.util.function.Supplier;

/**
 * h2c with prior knowledge: a connection that opens with the HTTP/2 preface is switched to HTTP/2,
 * each stream getting its own HTTP/1-style {@link DownstreamHandler} (so routing, limits and
 * relaying are the same; trailers travel as {@code LastHttpContent.trailingHeaders}). Behind TLS
 * the same happens for a client that chose {@code h2} by ALPN, since it too starts with the
 * preface. Any other first bytes leave the HTTP/1.1 pipeline as it is; there an {@code Upgrade:
 * h2c} request is served as HTTP/1.1 with the upgrade headers dropped, as Envoy does.
 */
final class Http2PriorKnowledgeDetector extends ByteToMessageDecoder {
  private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

  private final ProxyRuntime runtime;
  private final Supplier<String> listenerName;
  private final RequestHeadersTimeoutHandler headersTimeout;

  Http2PriorKnowledgeDetector(
      ProxyRuntime runtime,
      Supplier<String> listenerName,
      RequestHeadersTimeoutHandler headersTimeout) {
    this.runtime = runtime;
    this.listenerName = listenerName;
    this.headersTimeout = headersTimeout;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int length = Math.min(in.readableBytes(), PREFACE.readableBytes());
    if (!ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), length)) {
      ctx.pipeline().remove(this); // HTTP/1.x: the buffered bytes go on to the decoder
      return;
    }
    if (length < PREFACE.readableBytes()) {
      return; // wait for the rest of the preface
    }
    headersTimeout.headReceived(); // HTTP/2 keeps its own stream lifecycles
    ChannelPipeline pipeline = ctx.pipeline();
    pipeline.remove(StrictRequestDecoder.class);
    pipeline.remove(HttpResponseEncoder.class);
    pipeline.remove(DownstreamHandler.class);
    pipeline.addLast(Http2FrameCodecBuilder.forServer().build());
    pipeline.addLast(
        new Http2MultiplexHandler(
            new ChannelInitializer<Http2StreamChannel>() {
              @Override
              protected void initChannel(Http2StreamChannel stream) {
                RequestHeadersTimeoutHandler unused =
                    new RequestHeadersTimeoutHandler(
                        Long.MAX_VALUE, Long.MAX_VALUE, runtime.metrics);
                stream
                    .pipeline()
                    .addLast(new Http2StreamFrameToHttpObjectCodec(true))
                    .addLast(new DownstreamHandler(runtime, listenerName, unused));
              }
            }));
    pipeline.remove(this);
  }
}
