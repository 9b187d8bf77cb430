package io.canarymesh.proxy;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The checks a request head passes before it is routed, as a pure verdict: a head the decoder
 * rejected (431, 414 or 400), a declared body over {@code maxRequestBodyBytes} (413), an HTTP/1.1
 * request without Host (400). Returns shared status constants, so a passing request costs nothing.
 */
final class RequestChecks {
  private RequestChecks() {}

  /** The status to refuse the head with, or null when it may be routed. */
  static HttpResponseStatus refusal(HttpRequest request, String host, long maxBodyBytes) {
    if (request.decoderResult().isFailure()) {
      return LocalReplies.malformedStatus(request.decoderResult().cause());
    }
    if (maxBodyBytes > 0 && HttpUtil.getContentLength(request, -1L) > maxBodyBytes) {
      return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
    }
    if (host == null && request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
      return HttpResponseStatus.BAD_REQUEST;
    }
    return null;
  }

  /** The reason for a {@link #refusal}, sent as the body of the answer. */
  static String reason(HttpRequest request, HttpResponseStatus refusal) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      return cause == null ? "bad request" : String.valueOf(cause.getMessage());
    }
    return refusal.code() == 413 ? "payload too large" : "missing host header";
  }
}
