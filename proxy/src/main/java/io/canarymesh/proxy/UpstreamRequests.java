package io.canarymesh.proxy;

import io.canarymesh.mesh.model.HeaderOperations;
import io.canarymesh.mesh.model.Rewrite;
import io.canarymesh.mesh.model.Route;
import io.canarymesh.mesh.model.RouteMatch;
import io.canarymesh.mesh.model.StringMatcher;
import io.canarymesh.mesh.model.WeightedDestination;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Turns a client's request head into the one sent upstream, in place. */
final class UpstreamRequests {
  private UpstreamRequests() {}

  // constants, not strings: header lookups hash a name on every call, and AsciiString caches it
  static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
  static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
  static final AsciiString X_REQUEST_ID = AsciiString.cached("x-request-id");
  private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
  private static final HttpConversionUtil.ExtensionHeaderNames[] HTTP2_EXTENSIONS =
      HttpConversionUtil.ExtensionHeaderNames.values();

  static void prepare(
      HttpRequest request,
      RequestView view,
      Route route,
      WeightedDestination destination,
      ChannelHandlerContext ctx,
      String scheme) {
    HttpHeaders headers = request.headers();
    for (HttpConversionUtil.ExtensionHeaderNames name : HTTP2_EXTENSIONS) {
      headers.remove(name.text()); // x-http2-* added for an HTTP/2 client
    }
    String upgrade = websocketUpgrade(headers);
    String te = headers.get(HttpHeaderNames.TE);
    stripHopByHop(headers);
    if (te != null && AsciiString.containsIgnoreCase(te, HttpHeaderValues.TRAILERS)) {
      headers.set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS); // kept, as Envoy does (gRPC)
    }
    if (upgrade != null) {
      // WebSocket: the upgrade is passed through, the tunnel is relayed byte for byte
      headers.set(HttpHeaderNames.UPGRADE, upgrade);
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
    }
    String ip = ClientAddress.ip(ctx.channel());
    if (ip != null) {
      String forwarded = headers.get(X_FORWARDED_FOR);
      headers.set(X_FORWARDED_FOR, forwarded == null ? ip : forwarded + ", " + ip);
    }
    ClientCertHeader.apply(ctx.channel(), headers); // a client's own is never forwarded
    if (!headers.contains(X_FORWARDED_PROTO)) {
      headers.set(X_FORWARDED_PROTO, scheme);
    }
    if (!headers.contains(X_REQUEST_ID)) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      long high = (random.nextLong() & ~0xF000L) | 0x4000L;
      long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      headers.set(X_REQUEST_ID, new UUID(high, low).toString());
    }
    route.rewrite().ifPresent(rewrite -> rewrite(request, view, route, rewrite));
    apply(route.requestHeaders(), headers);
    apply(destination.requestHeaders(), headers);
    request.setProtocolVersion(HttpVersion.HTTP_1_1);
  }

  /** The Upgrade header's value when the request asks for a WebSocket, else null. */
  static String websocketUpgrade(HttpHeaders headers) {
    String upgrade = headers.get(HttpHeaderNames.UPGRADE);
    return upgrade != null
            && upgrade.equalsIgnoreCase("websocket")
            && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
        ? upgrade
        : null;
  }

  /** Removes hop-by-hop headers (RFC 9110 §7.6.1), including those {@code Connection} names. */
  static void stripHopByHop(HttpHeaders headers) {
    String connection = headers.get(HttpHeaderNames.CONNECTION);
    if (connection != null) {
      for (String name : connection.split(",")) {
        String trimmed = name.trim();
        if (!trimmed.isEmpty()) {
          headers.remove(trimmed);
        }
      }
      headers.remove(HttpHeaderNames.CONNECTION);
    }
    headers.remove(HttpHeaderNames.KEEP_ALIVE);
    headers.remove(PROXY_CONNECTION);
    headers.remove(HttpHeaderNames.TE);
    headers.remove(HttpHeaderNames.TRAILER);
    headers.remove(HttpHeaderNames.UPGRADE);
  }

  /** Istio's order: remove, then set (replace), then add (append). */
  static void apply(HeaderOperations operations, HttpHeaders headers) {
    if (operations.isEmpty()) {
      return;
    }
    for (String name : operations.remove()) {
      headers.remove(name);
    }
    for (Map.Entry<String, String> set : operations.set().entrySet()) {
      headers.set(set.getKey(), set.getValue());
    }
    for (Map.Entry<String, String> add : operations.add().entrySet()) {
      headers.add(add.getKey(), add.getValue());
    }
  }

  /**
   * {@code rewrite.uri} replaces the prefix the matching entry matched (the whole path for an
   * exact, regex or absent uri match); the query is kept. {@code uriRegexRewrite} replaces every
   * match in the path. {@code rewrite.authority} replaces the Host.
   */
  private static void rewrite(HttpRequest request, RequestView view, Route route, Rewrite rewrite) {
    String path = view.path();
    String query = view.target.substring(view.pathLength);
    if (rewrite.uri().isPresent()) {
      String matched = matchedPrefix(route.matches(), view);
      String rest = matched == null ? "" : path.substring(matched.length());
      String replaced = rewrite.uri().get() + rest;
      request.setUri((replaced.isEmpty() ? "/" : replaced) + query);
    } else if (rewrite.uriRegex().isPresent()) {
      Rewrite.RegexRewrite regex = rewrite.uriRegex().get();
      String replacement = regex.replacement().replaceAll("\\\\(\\d)", "\\$$1");
      request.setUri(regex.match().pattern().matcher(path).replaceAll(replacement) + query);
    }
    rewrite
        .authority()
        .ifPresent(authority -> request.headers().set(HttpHeaderNames.HOST, authority));
  }

  /**
   * The path prefix the entry that selected the route matched (recorded at selection, so an entry
   * skipped for its source conditions is not taken for it), or null.
   */
  private static String matchedPrefix(List<RouteMatch> matches, RequestView view) {
    if (view.matchedEntry < 0 || view.matchedEntry >= matches.size()) {
      return null;
    }
    return matches.get(view.matchedEntry).uri().orElse(null) instanceof StringMatcher.Prefix prefix
        ? view.path().substring(0, prefix.value().length())
        : null;
  }
}
