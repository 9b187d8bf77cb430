package io.canarymesh.proxy;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;

/**
 * The client's IP address as text, worked out once per connection: every request on it needs it
 * (x-forwarded-for, the access log, source-IP hashing) and formatting it allocates.
 */
final class ClientAddress {
  private static final AttributeKey<String> IP = AttributeKey.valueOf("canary.client-ip");

  private ClientAddress() {}

  /** The remote IP of {@code channel}'s connection (an HTTP/2 stream's parent), or null. */
  static String ip(Channel channel) {
    Channel connection = channel instanceof Http2StreamChannel stream ? stream.parent() : channel;
    String cached = connection.attr(IP).get();
    if (cached == null
        && connection.remoteAddress() instanceof InetSocketAddress address
        && address.getAddress() != null) {
      cached = address.getAddress().getHostAddress();
      connection.attr(IP).set(cached);
    }
    return cached;
  }
}
