package io.canarymesh.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * A WebSocket tunnel after the upstream switched protocols: the 101 goes to the client, the HTTP
 * codecs come off both pipelines, and from then on bytes are relayed as they come until either side
 * closes. {@link Exchange} keeps the tunnel's state (its flag and byte counts).
 */
final class WebSocketTunnel {
  private WebSocketTunnel() {}

  static void open(
      ChannelHandlerContext downstream,
      Channel upstream,
      HttpResponse switching,
      HttpVersion clientVersion) {
    switching.setProtocolVersion(clientVersion);
    downstream.writeAndFlush(switching);
    downstream.pipeline().remove(HttpResponseEncoder.class);
    downstream.pipeline().remove(StrictRequestDecoder.class);
    upstream.pipeline().remove(HttpClientCodec.class);
  }

  /**
   * The bytes an upstream message carries once tunneling (an HTTP message still decoded before the
   * codec came off carries its content), or null, the message released, when it carries none.
   */
  static ByteBuf bytes(Object msg) {
    ByteBuf bytes =
        msg instanceof ByteBuf buf
            ? buf
            : msg instanceof HttpContent content ? content.content() : null;
    if (bytes == null || !bytes.isReadable()) {
      ReferenceCountUtil.release(msg);
      return null;
    }
    return bytes;
  }
}
