package io.canarymesh.proxy;

import io.canarymesh.mesh.model.CorsPolicy;
import io.canarymesh.mesh.model.StringMatcher;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A route's {@code corsPolicy}, as Envoy's CORS filter applies it: an allowed origin's preflight
 * ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered by the proxy; its other
 * requests are forwarded and their responses get {@code Access-Control-Allow-Origin}. A request
 * from an origin not allowed passes through untouched (the browser then refuses it).
 */
final class Cors {
  private Cors() {}

  /** The request's Origin when {@code policy} allows it, else null. */
  static String allowedOrigin(CorsPolicy policy, HttpRequest request) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (origin == null) {
      return null;
    }
    for (StringMatcher matcher : policy.allowOrigins()) {
      if (matcher.matches(origin)) {
        return origin;
      }
    }
    return null;
  }

  static boolean isPreflight(HttpRequest request) {
    return request.method().equals(HttpMethod.OPTIONS)
        && request.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
  }

  static void preflightHeaders(CorsPolicy policy, String origin, HttpHeaders headers) {
    headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    if (!policy.allowMethods().isEmpty()) {
      headers.set(
          HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, String.join(",", policy.allowMethods()));
    }
    if (!policy.allowHeaders().isEmpty()) {
      headers.set(
          HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, String.join(",", policy.allowHeaders()));
    }
    policy
        .maxAge()
        .ifPresent(age -> headers.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, age.toSeconds()));
    credentials(policy, headers);
  }

  static void responseHeaders(CorsPolicy policy, String origin, HttpHeaders headers) {
    headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    if (!policy.exposeHeaders().isEmpty()) {
      headers.set(
          HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, String.join(",", policy.exposeHeaders()));
    }
    credentials(policy, headers);
  }

  private static void credentials(CorsPolicy policy, HttpHeaders headers) {
    if (policy.allowCredentials().orElse(false)) {
      headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }
  }
}
