package io.canarymesh.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request in Envoy's default format: {@code [start] "METHOD path PROTOCOL" code flags
 * bytes_in bytes_out duration_ms "x-forwarded-for" "user-agent" "x-request-id" "authority"
 * "upstream_host" cluster client}.
 */
final class AccessLog {
  static final Logger LOG = LoggerFactory.getLogger("io.canarymesh.proxy.access");

  private AccessLog() {}

  static String line(
      String method,
      String path,
      String protocol,
      int status,
      String flags,
      long bytesIn,
      long bytesOut,
      long millis,
      HttpHeaders headers,
      String upstreamHost,
      String cluster,
      String client) {
    return "["
        + Instant.now()
        + "] \""
        + method
        + " "
        + path
        + " "
        + protocol
        + "\" "
        + status
        + " "
        + flags
        + " "
        + bytesIn
        + " "
        + bytesOut
        + " "
        + millis
        + " \""
        + orDash(headers.get(UpstreamRequests.X_FORWARDED_FOR))
        + "\" \""
        + orDash(headers.get(HttpHeaderNames.USER_AGENT))
        + "\" \""
        + orDash(headers.get(UpstreamRequests.X_REQUEST_ID))
        + "\" \""
        + orDash(headers.get(HttpHeaderNames.HOST))
        + "\" \""
        + upstreamHost
        + "\" "
        + cluster
        + " "
        + client;
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
