package io.canarymesh.proxy;

import io.canarymesh.mesh.model.ClientWorkload;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;

/**
 * What route matching reads from one request. The path is the request target up to {@code ?},
 * addressed by length so exact and prefix matches allocate nothing; query parameters are decoded
 * only when a route asks for them, and the calling workload is looked up only when a route has
 * source conditions.
 */
final class RequestView {
  final HttpRequest request;
  final String target;
  final int pathLength;
  final String host;
  final String scheme;
  final int port;
  private final SocketAddress remote;
  private final ClientWorkloads clients;
  private Map<String, List<String>> query;
  private ClientWorkload client;
  private boolean clientLookedUp;

  /** Which entry of the selected route's match list matched; -1 before selection. */
  int matchedEntry = -1;

  /** A request from no known workload (tests, benchmarks). */
  RequestView(HttpRequest request, String host, String scheme, int port) {
    this(request, host, scheme, port, null, ClientWorkloads.NONE);
  }

  /**
   * @param remote the connection's remote address
   * @param clients the workloads a caller is looked up in ({@link ClientWorkloads#NONE} on gateway
   *     listeners)
   */
  RequestView(
      HttpRequest request,
      String host,
      String scheme,
      int port,
      SocketAddress remote,
      ClientWorkloads clients) {
    this.request = request;
    this.target = request.uri();
    int q = target.indexOf('?');
    this.pathLength = q < 0 ? target.length() : q;
    this.host = host;
    this.scheme = scheme;
    this.port = port;
    this.remote = remote;
    this.clients = clients;
  }

  /** The calling workload, or null when the remote address is no workload's; looked up once. */
  ClientWorkload client() {
    if (!clientLookedUp) {
      client = clients.find(remote);
      clientLookedUp = true;
    }
    return client;
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
