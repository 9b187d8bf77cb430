package io.canarymesh.mesh.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A route table as stable, human-readable text: for golden-file tests and {@code /config_dump}. The
 * same table always renders the same text (lists are in table order, maps sorted); absent optional
 * settings are not printed.
 *
 * <pre>
 * listener 0.0.0.0_80 HTTP scope=[default/micro-gateway] exposed
 *   virtual host micro-api.default.svc.cluster.local:80 domains=[micro-api.default.svc.cluster.local]
 *     route VirtualService default/micro-api-route http[0]
 *       match any
 *       forward
 *         70 outbound|19090|v1|micro-api.default.svc.cluster.local
 *         30 outbound|19090|v2|micro-api.default.svc.cluster.local
 * </pre>
 */
public final class RouteTableText {
  private RouteTableText() {}

  public static String render(RouteTable table) {
    requireNonNull(table, "table");
    StringBuilder out = new StringBuilder();
    out.append("route table version ").append(table.version()).append('\n');
    for (Listener listener : table.listeners()) {
      out.append('\n');
      listener(out, listener);
    }
    for (Cluster cluster : table.clusters()) {
      out.append('\n');
      cluster(out, cluster);
    }
    clients(out, table);
    return out.toString();
  }

  private static void listener(StringBuilder out, Listener listener) {
    out.append("listener ").append(listener.name()).append(' ').append(listener.protocol());
    out.append(" scope=").append(listener.scope());
    out.append(listener.exposed() ? " exposed" : " not-exposed").append('\n');
    listener.tls().ifPresent(tls -> line(out, 1, "tls " + tls(tls)));
    if (listener.isL4()) {
      l4Routes(out, listener);
      return;
    }
    if (listener.virtualHosts().isEmpty()) {
      line(out, 1, "no virtual hosts (every request: 404 NR)");
    }
    for (VirtualHost host : listener.virtualHosts()) {
      line(
          out,
          1,
          "virtual host "
              + host.name()
              + " domains="
              + host.domains()
              + (host.requireTls() ? " require-tls" : ""));
      if (host.routes().isEmpty()) {
        line(out, 2, "no routes (every request: 404 NR)");
      }
      host.routes().forEach(route -> route(out, route));
      host.callerFallback()
          .ifPresent(
              fallback -> {
                line(out, 2, "for callers no route applies to (source conditions):");
                route(out, fallback);
              });
    }
  }

  private static void l4Routes(StringBuilder out, Listener listener) {
    if (listener.l4Routes().isEmpty()) {
      line(out, 1, "no connection routes (every connection: closed, NR)");
    }
    for (L4Route route : listener.l4Routes()) {
      line(out, 1, "connection route " + route.origin());
      route.matches().forEach(match -> line(out, 2, "match " + l4Match(match)));
      line(out, 2, "forward");
      route.forward().destinations().forEach(d -> line(out, 3, d.weight() + " " + d.cluster()));
    }
  }

  static String l4Match(L4Match match) {
    if (match.sniHosts().isEmpty() && match.destinationSubnets().isEmpty()) {
      return "any";
    }
    StringBuilder text = new StringBuilder();
    if (!match.sniHosts().isEmpty()) {
      text.append(" sni=").append(match.sniHosts());
    }
    if (!match.destinationSubnets().isEmpty()) {
      text.append(" destination-subnets=").append(match.destinationSubnets());
    }
    return text.substring(1);
  }

  private static void route(StringBuilder out, Route route) {
    line(out, 2, "route " + route.origin() + route.name().map(n -> " name=" + n).orElse(""));
    route.matches().forEach(match -> line(out, 3, "match " + match(match)));
    switch (route.action()) {
      case RouteAction.Forward forward -> {
        line(out, 3, "forward");
        for (WeightedDestination destination : forward.destinations()) {
          line(out, 4, destination.weight() + " " + destination.cluster());
          headers(out, 5, "request headers", destination.requestHeaders());
          headers(out, 5, "response headers", destination.responseHeaders());
        }
      }
      case RouteAction.Redirect redirect -> line(out, 3, redirect(redirect));
      case RouteAction.DirectResponse direct ->
          line(
              out,
              3,
              "direct response "
                  + direct.status()
                  + direct.body().map(b -> " body=" + quote(b)).orElse(""));
    }
    route.rewrite().ifPresent(rewrite -> line(out, 3, rewrite(rewrite)));
    route.timeout().ifPresent(timeout -> line(out, 3, "timeout " + duration(timeout)));
    line(out, 3, retries(route.retries()));
    route.fault().ifPresent(fault -> line(out, 3, fault(fault)));
    route
        .mirrors()
        .forEach(m -> line(out, 3, "mirror " + m.cluster() + " " + percent(m.percentage())));
    route.cors().ifPresent(cors -> line(out, 3, cors(cors)));
    headers(out, 3, "request headers", route.requestHeaders());
    headers(out, 3, "response headers", route.responseHeaders());
  }

  static String match(RouteMatch match) {
    if (match.matchesEverything()) {
      return "any" + (match.gateways().isEmpty() ? "" : " gateways=" + match.gateways());
    }
    StringBuilder text = new StringBuilder();
    match.uri().ifPresent(m -> text.append(" uri=").append(matcher(m)));
    match.scheme().ifPresent(m -> text.append(" scheme=").append(matcher(m)));
    match.method().ifPresent(m -> text.append(" method=").append(matcher(m)));
    match.authority().ifPresent(m -> text.append(" authority=").append(matcher(m)));
    match
        .headers()
        .forEach(
            h ->
                text.append(" header[").append(h.name()).append("]=").append(matcher(h.matcher())));
    match
        .withoutHeaders()
        .forEach(
            h ->
                text.append(" without-header[")
                    .append(h.name())
                    .append("]=")
                    .append(matcher(h.matcher())));
    match
        .queryParams()
        .forEach(
            q -> text.append(" query[").append(q.name()).append("]=").append(matcher(q.matcher())));
    match.port().ifPresent(p -> text.append(" port=").append(p));
    if (!match.sourceLabels().isEmpty()) {
      text.append(" source-labels=").append(match.sourceLabels());
    }
    match.sourceNamespace().ifPresent(ns -> text.append(" source-namespace=").append(ns));
    if (!match.gateways().isEmpty()) {
      text.append(" gateways=").append(match.gateways());
    }
    return text.substring(1);
  }

  static String matcher(StringMatcher matcher) {
    return switch (matcher) {
      case StringMatcher.Exact exact ->
          "exact:" + quote(exact.value()) + (exact.ignoreCase() ? " ignore-case" : "");
      case StringMatcher.Prefix prefix ->
          "prefix:" + quote(prefix.value()) + (prefix.ignoreCase() ? " ignore-case" : "");
      case StringMatcher.Regex regex -> "regex:" + quote(regex.pattern().pattern());
      case StringMatcher.Present present -> "present";
    };
  }

  private static String redirect(RouteAction.Redirect redirect) {
    StringBuilder text = new StringBuilder("redirect " + redirect.status());
    redirect.scheme().ifPresent(s -> text.append(" scheme=").append(s));
    redirect.authority().ifPresent(a -> text.append(" authority=").append(a));
    redirect.port().ifPresent(p -> text.append(" port=").append(p));
    if (redirect.derivePort() != RouteAction.Redirect.DerivePort.FROM_PROTOCOL_DEFAULT) {
      text.append(" derive-port=").append(redirect.derivePort());
    }
    redirect.uri().ifPresent(u -> text.append(" uri=").append(u));
    return text.toString();
  }

  private static String rewrite(Rewrite rewrite) {
    StringBuilder text = new StringBuilder("rewrite");
    rewrite.uri().ifPresent(u -> text.append(" uri=").append(quote(u)));
    rewrite
        .uriRegex()
        .ifPresent(
            r ->
                text.append(" uri-regex=")
                    .append(quote(r.match().pattern().pattern()))
                    .append(" -> ")
                    .append(quote(r.replacement())));
    rewrite.authority().ifPresent(a -> text.append(" authority=").append(a));
    return text.toString();
  }

  private static String retries(RetryPolicy retry) {
    if (retry.attempts() == 0) {
      return "retries none";
    }
    return "retries "
        + retry.attempts()
        + retry.perTryTimeout().map(t -> " per-try-timeout=" + duration(t)).orElse("")
        + " on="
        + String.join(",", retry.retryOn())
        + (retry.retriableStatusCodes().isEmpty()
            ? ""
            : " status-codes=" + retry.retriableStatusCodes())
        + " backoff="
        + duration(retry.baseBackoff());
  }

  private static String fault(FaultInjection fault) {
    StringBuilder text = new StringBuilder("fault");
    fault
        .delay()
        .ifPresent(
            d ->
                text.append(" delay=")
                    .append(duration(d.fixedDelay()))
                    .append('@')
                    .append(percent(d.percentage())));
    fault
        .abort()
        .ifPresent(
            a ->
                text.append(" abort=")
                    .append(
                        a.grpcStatus().map(g -> "grpc:" + g).orElse(String.valueOf(a.httpStatus())))
                    .append('@')
                    .append(percent(a.percentage())));
    return text.toString();
  }

  private static String cors(CorsPolicy cors) {
    return "cors origins="
        + cors.allowOrigins().stream().map(RouteTableText::matcher).toList()
        + " methods="
        + cors.allowMethods()
        + " headers="
        + cors.allowHeaders()
        + " expose="
        + cors.exposeHeaders()
        + cors.maxAge().map(age -> " max-age=" + duration(age)).orElse("")
        + cors.allowCredentials().map(c -> " credentials=" + c).orElse("");
  }

  private static void headers(StringBuilder out, int depth, String what, HeaderOperations ops) {
    if (ops.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder(what);
    if (!ops.set().isEmpty()) {
      text.append(" set=").append(ops.set());
    }
    if (!ops.add().isEmpty()) {
      text.append(" add=").append(ops.add());
    }
    if (!ops.remove().isEmpty()) {
      text.append(" remove=").append(ops.remove());
    }
    line(out, depth, text.toString());
  }

  /** {@code client 127.244.0.10 namespace=default {app=sleep}}, after the clusters. */
  private static void clients(StringBuilder out, RouteTable table) {
    if (table.clients().isEmpty()) {
      return;
    }
    out.append('\n');
    for (ClientWorkload client : table.clients()) {
      out.append("client ")
          .append(client.address())
          .append(" namespace=")
          .append(client.namespace())
          .append(' ')
          .append(client.labels())
          .append('\n');
    }
  }

  private static void cluster(StringBuilder out, Cluster cluster) {
    out.append("cluster ").append(cluster.name()).append('\n');
    if (cluster.availability() != Cluster.Availability.SERVING) {
      line(out, 1, "unavailable " + cluster.availability() + " (every request: 503)");
      return;
    }
    line(out, 1, "lb " + lb(cluster.lbPolicy()));
    line(out, 1, limits(cluster.limits()));
    line(out, 1, "connect-timeout " + duration(cluster.connectTimeout()));
    if (cluster.protocol() != Cluster.UpstreamProtocol.HTTP1) {
      line(out, 1, "upstream-protocol " + cluster.protocol()); // only when not the default
    }
    cluster.outlierDetection().ifPresent(o -> line(out, 1, outlier(o)));
    if (cluster.endpoints().isEmpty()) {
      line(out, 1, "no endpoints (every request: 503 UH)");
    }
    for (Endpoint endpoint : cluster.endpoints()) {
      line(
          out,
          1,
          "endpoint "
              + endpoint.address()
              + ":"
              + endpoint.port()
              + (endpoint.ready() ? " ready" : " not-ready")
              + " "
              + endpoint.labels());
    }
  }

  static String lb(LbPolicy policy) {
    return switch (policy) {
      case LbPolicy.Simple simple ->
          simple.algorithm()
              + simple
                  .warmup()
                  .map(
                      w ->
                          " warmup="
                              + duration(w.duration())
                              + " min="
                              + percent(w.minimumPercent())
                              + " aggression="
                              + number(w.aggression()))
                  .orElse("");
      case LbPolicy.ConsistentHash hash ->
          "CONSISTENT_HASH " + hashKey(hash.key()) + " " + hashTable(hash.table());
    };
  }

  private static String hashKey(LbPolicy.HashKey key) {
    return switch (key) {
      case LbPolicy.HeaderKey header -> "header=" + header.name();
      case LbPolicy.CookieKey cookie ->
          "cookie="
              + cookie.name()
              + cookie.path().map(p -> " path=" + p).orElse("")
              + cookie.ttl().map(t -> " ttl=" + duration(t)).orElse("");
      case LbPolicy.SourceIpKey ip -> "source-ip";
      case LbPolicy.QueryParameterKey query -> "query=" + query.name();
    };
  }

  private static String hashTable(LbPolicy.HashTable table) {
    return switch (table) {
      case LbPolicy.RingHash ring -> "ring-hash min-ring-size=" + ring.minimumRingSize();
      case LbPolicy.Maglev maglev -> "maglev table-size=" + maglev.tableSize();
    };
  }

  private static String limits(ConnectionLimits limits) {
    return "limits max-connections="
        + count(limits.maxConnections())
        + " http1-max-pending="
        + count(limits.http1MaxPendingRequests())
        + " http2-max-requests="
        + count(limits.http2MaxRequests())
        + " max-requests-per-connection="
        + count(limits.maxRequestsPerConnection())
        + " max-retries="
        + count(limits.maxRetries())
        + " idle-timeout="
        + duration(limits.idleTimeout())
        + tcpIdleTimeout(limits);
  }

  /** Only when set: the default would repeat on every cluster of every table. */
  private static String tcpIdleTimeout(ConnectionLimits limits) {
    return limits.tcpIdleTimeout().equals(ConnectionLimits.DEFAULT_IDLE_TIMEOUT)
        ? ""
        : " tcp-idle-timeout=" + duration(limits.tcpIdleTimeout());
  }

  private static String outlier(OutlierDetection o) {
    return "outlier-detection consecutive-5xx="
        + o.consecutive5xxErrors()
        + " consecutive-gateway-errors="
        + o.consecutiveGatewayErrors()
        + " interval="
        + duration(o.interval())
        + " base-ejection="
        + duration(o.baseEjectionTime())
        + " max-ejection="
        + o.maxEjectionPercent()
        + "%"
        + " min-health="
        + o.minHealthPercent()
        + "%";
  }

  private static String tls(ServerTls tls) {
    return tls.mode()
        + tls.credentialName().map(c -> " credential=" + c).orElse("")
        + tls.credential()
            .map(
                c ->
                    " sha256="
                        + c.getCertificateSha256().substring(0, 16)
                        + c.getCaSecret()
                            .map(
                                ca ->
                                    " ca-secret="
                                        + ca
                                        + " ca-sha256="
                                        + c.getCaSha256().orElseThrow().substring(0, 16))
                            .orElse(""))
            .orElse("")
        + tls.serverCertificate().map(c -> " cert=" + c).orElse("")
        + tls.privateKey().map(k -> " key=" + k).orElse("")
        + tls.caCertificates().map(c -> " ca=" + c).orElse("")
        + clientChecks(tls.clientChecks());
  }

  private static String clientChecks(ClientCertificateChecks checks) {
    return (checks.subjectAltNames().isEmpty() ? "" : " client-sans=" + checks.subjectAltNames())
        + (checks.spkiSha256().isEmpty() ? "" : " client-spki=" + checks.spkiSha256())
        + (checks.certificateSha256().isEmpty()
            ? ""
            : " client-sha256="
                + checks.certificateSha256().stream().map(h -> h.substring(0, 16)).toList())
        + checks.crlFile().map(f -> " crl=" + f).orElse("")
        + checks.crlSecret().map(s -> " crl-secret=" + s).orElse("");
  }

  private static String count(int value) {
    return value == ConnectionLimits.UNLIMITED_COUNT ? "unlimited" : String.valueOf(value);
  }

  /** Go's style: {@code 1h}, {@code 1m30s}, {@code 1.5s}, {@code 25ms}, {@code 0s}. */
  static String duration(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      long nanos = duration.toNanos();
      return nanos % 1_000_000 == 0
          ? nanos / 1_000_000 + "ms"
          : nanos % 1_000 == 0 ? nanos / 1_000 + "us" : nanos + "ns";
    }
    StringBuilder text = new StringBuilder();
    if (duration.toHours() > 0) {
      text.append(duration.toHours()).append('h');
    }
    if (duration.toMinutesPart() > 0) {
      text.append(duration.toMinutesPart()).append('m');
    }
    BigDecimal seconds =
        BigDecimal.valueOf(duration.toSecondsPart())
            .add(BigDecimal.valueOf(duration.toNanosPart(), 9));
    if (seconds.signum() > 0) {
      text.append(seconds.stripTrailingZeros().toPlainString()).append('s');
    }
    return text.toString();
  }

  private static String percent(double value) {
    return number(value) + "%";
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static void line(StringBuilder out, int depth, String text) {
    out.append("  ".repeat(depth)).append(text).append('\n');
  }
}
