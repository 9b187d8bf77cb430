package io.canarymesh.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http2.HttpConversionUtil;

/**
 * Drops the {@code x-http2-*} headers the HTTP-object codec adds to an upstream stream's response,
 * so they never reach a client. (A response that ended with its headers, such as a gRPC
 * trailers-only answer, stays one {@code FullHttpResponse}, so an HTTP/2 client gets it as one
 * HEADERS frame with END_STREAM, as gRPC requires.)
 */
final class Http2Responses extends ChannelInboundHandlerAdapter {
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpResponse response) {
      for (HttpConversionUtil.ExtensionHeaderNames name :
          HttpConversionUtil.ExtensionHeaderNames.values()) {
        response.headers().remove(name.text());
      }
    }
    ctx.fireChannelRead(msg);
  }
}
