package io.canarymesh.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Envoy's local replies to gRPC requests: a request with {@code content-type: application/grpc*}
 * that the proxy answers itself (no route, no healthy upstream, overflow, timeout, reset) gets HTTP
 * 200 with {@code content-type: application/grpc}, {@code grpc-status} mapped from the HTTP status
 * it would have had and the reason as {@code grpc-message}, and no body — a trailers-only response,
 * which gRPC clients read as the call's status. The mapping is Envoy's ({@code
 * Grpc::Utility::httpToGrpcStatus}, from gRPC's http-grpc-status-mapping): 404 → 12 UNIMPLEMENTED,
 * 503 and 504 → 14 UNAVAILABLE (so a route timeout is UNAVAILABLE "upstream request timeout", not
 * DEADLINE_EXCEEDED).
 */
final class GrpcLocalReplies {
  private GrpcLocalReplies() {}

  static boolean isGrpc(HttpHeaders headers) {
    String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
    return type != null && type.regionMatches(true, 0, "application/grpc", 0, 16);
  }

  /** gRPC's status for an HTTP status: 400 → 13, 401 → 16, 403 → 7, 404 → 12, 429/502-504 → 14. */
  static int grpcStatus(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> 13; // INTERNAL
      case 401 -> 16; // UNAUTHENTICATED
      case 403 -> 7; // PERMISSION_DENIED
      case 404 -> 12; // UNIMPLEMENTED
      case 429, 502, 503, 504 -> 14; // UNAVAILABLE
      default -> 2; // UNKNOWN
    };
  }

  static FullHttpResponse reply(HttpVersion version, int httpStatus, String message) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(version, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
    HttpHeaders headers = response.headers();
    headers.set(HttpHeaderNames.CONTENT_TYPE, "application/grpc");
    headers.set("grpc-status", Integer.toString(grpcStatus(httpStatus)));
    if (!message.isEmpty()) {
      headers.set("grpc-message", percentEncoded(message));
    }
    return response;
  }

  /** gRPC's grpc-message encoding: percent-encoding for bytes outside printable ASCII and '%'. */
  private static String percentEncoded(String message) {
    StringBuilder out = new StringBuilder(message.length());
    for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
      if (b >= 0x20 && b < 0x7f && b != '%') {
        out.append((char) b);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
