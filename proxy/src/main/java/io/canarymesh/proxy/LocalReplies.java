package io.canarymesh.proxy;

import io.canarymesh.mesh.model.CorsPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;

/**
 * The responses the proxy answers with itself — errors, direct responses, redirects, CORS
 * preflights — built without I/O; {@link Exchange} adds the route's response headers and the
 * connection header, and writes them.
 */
final class LocalReplies {
  private LocalReplies() {}

  /** The status for a head the decoder rejected: 431 for long headers, 414 for a long line. */
  static HttpResponseStatus malformedStatus(Throwable cause) {
    if (cause instanceof TooLongHttpHeaderException) {
      return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
    } else if (cause instanceof TooLongHttpLineException) {
      return HttpResponseStatus.REQUEST_URI_TOO_LONG;
    } else if (cause instanceof TooLongFrameException) {
      return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
    }
    return HttpResponseStatus.BAD_REQUEST;
  }

  /**
   * A local answer: trailers-only for gRPC requests (see {@link GrpcLocalReplies}), else the reason
   * as a text body; an overflow is marked {@code x-envoy-overloaded}, as Envoy does.
   */
  static FullHttpResponse reply(
      HttpVersion version,
      HttpResponseStatus code,
      String responseFlags,
      String body,
      HttpHeaders requestHeaders) {
    FullHttpResponse response;
    if (GrpcLocalReplies.isGrpc(requestHeaders)) {
      response = GrpcLocalReplies.reply(version, code.code(), body);
    } else {
      ByteBuf content =
          body.isEmpty()
              ? Unpooled.EMPTY_BUFFER
              : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
      response = new DefaultFullHttpResponse(version, code, content);
      if (content.isReadable()) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
      }
    }
    if (ResponseFlags.UPSTREAM_OVERFLOW.equals(responseFlags)) {
      response.headers().set("x-envoy-overloaded", "true");
    }
    return response;
  }

  static FullHttpResponse redirect(HttpVersion version, int code, String location) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            version, HttpResponseStatus.valueOf(code), Unpooled.EMPTY_BUFFER);
    response.headers().set(HttpHeaderNames.LOCATION, location);
    return response;
  }

  static FullHttpResponse preflight(HttpVersion version, CorsPolicy cors, String origin) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(version, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
    Cors.preflightHeaders(cors, origin, response.headers());
    return response;
  }
}
