package io.canarymesh.proxy;

import io.canarymesh.mesh.model.LbPolicy;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;

/**
 * Reads a {@code consistentHash} key from a request; a missing hash cookie with a {@code ttl} is
 * generated (a random id the response sets), as Envoy generates it, so the next request sticks.
 */
final class HashKeys {
  private HashKeys() {}

  /** The key's value for this request, or null when the request has none. */
  static String extract(LbPolicy.HashKey key, RequestView view, Channel channel) {
    return switch (key) {
      case LbPolicy.HeaderKey header -> view.headers().get(header.name());
      case LbPolicy.QueryParameterKey query -> view.queryParam(query.name());
      case LbPolicy.SourceIpKey source -> ClientAddress.ip(channel);
      case LbPolicy.CookieKey cookie -> cookie(view, cookie.name());
    };
  }

  private static String cookie(RequestView view, String name) {
    String header = view.headers().get(HttpHeaderNames.COOKIE);
    if (header == null) {
      return null;
    }
    for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(header)) {
      if (cookie.name().equals(name)) {
        return cookie.value();
      }
    }
    return null;
  }

  /** A new cookie value for {@code key} when the request lacks it and the policy has a ttl. */
  static String generateCookie(LbPolicy.HashKey key) {
    if (key instanceof LbPolicy.CookieKey cookie && cookie.ttl().isPresent()) {
      java.util.concurrent.ThreadLocalRandom random =
          java.util.concurrent.ThreadLocalRandom.current();
      return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }
    return null;
  }

  /** The {@code Set-Cookie} value for a generated cookie. */
  static String setCookie(LbPolicy.CookieKey key, String value) {
    return key.name()
        + "="
        + value
        + "; Path="
        + key.path().orElse("/")
        + "; Max-Age="
        + key.ttl().get().toSeconds()
        + "; HttpOnly";
  }

  /** The hash key every destination's cluster shares, or null when they differ or have none. */
  static LbPolicy.HashKey common(ClusterSnapshot[] clusters) {
    LbPolicy.HashKey common = null;
    for (ClusterSnapshot cluster : clusters) {
      if (cluster == null
          || !(cluster.cluster.lbPolicy() instanceof LbPolicy.ConsistentHash hash)
          || (common != null && !common.equals(hash.key()))) {
        return null;
      }
      common = hash.key();
    }
    return common;
  }
}
