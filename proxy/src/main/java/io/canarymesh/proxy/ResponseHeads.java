package io.canarymesh.proxy;

import io.canarymesh.mesh.model.WeightedDestination;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Turns an upstream response head into the client's: hop-by-hop headers dropped, header operations
 * (destination, then route), CORS, the sticky-session cookie, framing for the client's HTTP version
 * and the connection header. No I/O.
 */
final class ResponseHeads {
  private ResponseHeads() {}

  /**
   * Rewrites {@code response} in place; true when its end can only be marked by closing the
   * connection (an HTTP/1.0 client, a body of unknown length).
   */
  static boolean prepare(
      HttpResponse response,
      HttpMethod requestMethod,
      HttpVersion clientVersion,
      RouteEntry route,
      WeightedDestination destination,
      String corsOrigin,
      String setCookie) {
    int status = response.status().code();
    HttpHeaders headers = response.headers();
    UpstreamRequests.stripHopByHop(headers);
    UpstreamRequests.apply(destination.responseHeaders(), headers);
    UpstreamRequests.apply(route.route().responseHeaders(), headers);
    if (corsOrigin != null) {
      Cors.responseHeaders(route.route().cors().get(), corsOrigin, headers);
    }
    if (setCookie != null) {
      headers.add(HttpHeaderNames.SET_COOKIE, setCookie);
    }
    boolean closeAfter = false;
    boolean bodyAllowed = !requestMethod.equals(HttpMethod.HEAD) && status != 204 && status != 304;
    if (!bodyAllowed) {
      headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
    } else if (!HttpUtil.isContentLengthSet(response)
        && !HttpUtil.isTransferEncodingChunked(response)) {
      if (clientVersion.equals(HttpVersion.HTTP_1_1)) {
        HttpUtil.setTransferEncodingChunked(response, true);
      } else {
        closeAfter = true;
      }
    }
    response.setProtocolVersion(clientVersion);
    return closeAfter;
  }

  /**
   * Sets the client's connection header: {@code close} when the connection ends after this response
   * (asked for, the client did not keep alive, or the proxy drains), {@code keep-alive} spelled out
   * for HTTP/1.0. Returns whether the connection closes after the response.
   */
  static boolean connectionHeader(
      HttpHeaders headers,
      boolean closeAfter,
      boolean clientKeepAlive,
      boolean draining,
      HttpVersion clientVersion) {
    if (closeAfter || !clientKeepAlive || draining) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      return true;
    }
    if (clientVersion.equals(HttpVersion.HTTP_1_0)) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    return false;
  }
}
