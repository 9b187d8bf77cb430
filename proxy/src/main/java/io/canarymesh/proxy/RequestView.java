package io.canarymesh.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * What route matching reads from one request. The path is the request target up to {@code ?},
 * addressed by length so exact and prefix matches allocate nothing; query parameters are decoded
 * only when a route asks for them.
 */
final class RequestView {
  final HttpRequest request;
  final String target;
  final int pathLength;
  final String host;
  final String scheme;
  final int port;
  private Map<String, List<String>> query;

  RequestView(HttpRequest request, String host, String scheme, int port) {
    this.request = request;
    this.target = request.uri();
    int q = target.indexOf('?');
    this.pathLength = q < 0 ? target.length() : q;
    this.host = host;
    this.scheme = scheme;
    this.port = port;
  }

  HttpHeaders headers() {
    return request.headers();
  }

  String method() {
    return request.method().name();
  }

  /** The path without the query; allocates only when the target has a query. */
  String path() {
    return pathLength == target.length() ? target : target.substring(0, pathLength);
  }

  /** The first value of query parameter {@code name}, or null. */
  String queryParam(String name) {
    if (query == null) {
      query = new QueryStringDecoder(target).parameters();
    }
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
