package io.canarymesh.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2ResetFrame;

/**
 * Notes the error code of an upstream stream's RST_STREAM, so the exchange can tell {@code
 * refused-stream} from other resets when the stream closes.
 */
final class Http2StreamResets extends ChannelInboundHandlerAdapter {
  private final UpstreamConnection stream;

  Http2StreamResets(UpstreamConnection stream) {
    this.stream = stream;
  }

  /** Netty delivers RST_STREAM to the stream's pipeline as a user event, before closing it. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof Http2ResetFrame reset) {
      stream.resetCode = reset.errorCode();
    }
    ctx.fireUserEventTriggered(event);
  }
}
