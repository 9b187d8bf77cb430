package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Cluster;
import io.canarymesh.mesh.model.CorsPolicy;
import io.canarymesh.mesh.model.FaultInjection;
import io.canarymesh.mesh.model.LbPolicy;
import io.canarymesh.mesh.model.Mirror;
import io.canarymesh.mesh.model.RetryPolicy;
import io.canarymesh.mesh.model.RouteAction;
import io.canarymesh.mesh.model.WeightedDestination;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One request on a downstream connection, from its head to the end of its response: routes it on
 * the snapshot current at its start, then either answers locally or relays it to an upstream
 * connection of the same event loop, streaming bodies both ways with backpressure. Everything runs
 * on the downstream channel's event loop; no locks.
 */
final class Exchange implements UpstreamUser, Http2Upstream.StreamWaiter {
  private final DownstreamHandler downstream;
  private final ChannelHandlerContext ctx;
  private final ProxyRuntime runtime;
  private final HttpRequest request;
  private final long startNanos = System.nanoTime();
  private final boolean clientKeepAlive;
  private final String method;
  private final String path;
  private final HttpVersion clientVersion;

  private RouteSnapshot snapshot;
  private ListenerRoutes listener;
  private RouteEntry route;
  private WeightedDestination destination;
  private ClusterSnapshot cluster;
  private UpstreamTarget target;
  private int endpointIndex = -1;
  private UpstreamConnection connection;
  private PendingAcquire waiter;
  private ArrayDeque<HttpContent> buffered;
  private ScheduledFuture<?> timeout;
  private ScheduledFuture<?> perTryTimeout;
  private boolean retrying;
  private int bufferedBytes;
  private String hashKey;
  private String corsOrigin;
  private String setCookie;
  private List<MirrorExchange> mirrors;
  private boolean upgradeRequested;
  private boolean tunnel;

  /** Copies of the body for retries; null when retries are off or the body was too long. */
  private ArrayDeque<HttpContent> replay;

  private int replayBytes;
  private static final int MAX_BUFFERED_BYTES = 64 * 1024;
  private int attempt;

  private boolean forwarding;
  private boolean requestComplete;
  private boolean responseStarted;
  private boolean skipInformationalEnd;
  private boolean upstreamKeepAlive;
  private boolean requestCounted;
  boolean done;
  private boolean closeAfter;
  private ChannelFuture lastWrite;
  private int status;
  private String flags = ResponseFlags.NONE;
  private long bytesIn;
  private long bytesOut;

  Exchange(
      DownstreamHandler downstream,
      ChannelHandlerContext ctx,
      ProxyRuntime runtime,
      HttpRequest request) {
    this.downstream = downstream;
    this.ctx = ctx;
    this.runtime = runtime;
    this.request = request;
    this.clientKeepAlive = HttpUtil.isKeepAlive(request);
    this.method = request.method().name();
    this.path = request.uri();
    this.clientVersion = request.protocolVersion();
  }

  boolean requestComplete() {
    return requestComplete;
  }

  // ---- request side ------------------------------------------------------------------------

  void start(String listenerName) {
    String host = request.headers().get(HttpHeaderNames.HOST);
    HttpResponseStatus refusal =
        RequestChecks.refusal(request, host, runtime.config.maxRequestBodyBytes());
    if (refusal != null) {
      String why = RequestChecks.reason(request, refusal);
      if (request.decoderResult().isFailure()) {
        ReferenceCountUtil.release(request);
      }
      badRequest(refusal, why);
      return;
    }
    snapshot = runtime.snapshot();
    listener = snapshot.listener(listenerName);
    VirtualHostRoutes virtualHost = listener == null ? null : listener.hosts().select(host);
    if (virtualHost == null) {
      reply(HttpResponseStatus.NOT_FOUND, ResponseFlags.NO_ROUTE, "");
      return;
    }
    if (virtualHost.virtualHost().requireTls() && listener.scheme().equals("http")) {
      redirect(301, "https://" + HostSelector.stripPort(host) + path);
      return;
    }
    RequestView view =
        new RequestView(
            request,
            host,
            listener.scheme(),
            listener.listener().port(),
            ctx.channel().remoteAddress(),
            listener.clients());
    route = virtualHost.select(view);
    if (route == null) {
      reply(HttpResponseStatus.NOT_FOUND, ResponseFlags.NO_ROUTE, "");
      return;
    }
    CorsPolicy cors = route.route().cors().orElse(null);
    if (cors != null) {
      corsOrigin = Cors.allowedOrigin(cors, request);
      if (corsOrigin != null && Cors.isPreflight(request)) {
        FullHttpResponse preflight = LocalReplies.preflight(clientVersion, cors, corsOrigin);
        corsOrigin = null; // already applied
        send(preflight, ResponseFlags.NONE);
        return;
      }
    }
    switch (route.route().action()) {
      case RouteAction.Forward forward -> forward(view);
      case RouteAction.Redirect redirect ->
          redirect(redirect.status(), Redirects.location(redirect, view, listener));
      case RouteAction.DirectResponse direct ->
          reply(
              HttpResponseStatus.valueOf(direct.status()),
              ResponseFlags.NONE,
              direct.body().orElse(""));
    }
  }

  private void badRequest(HttpResponseStatus status, String why) {
    runtime.metrics.badRequests.labelValues(Integer.toString(status.code())).inc();
    closeAfter = true;
    reply(status, ResponseFlags.DOWNSTREAM_PROTOCOL_ERROR, why);
  }

  private String generatedCookie(LbPolicy.HashKey key) {
    String value = HashKeys.generateCookie(key);
    if (value != null) {
      setCookie = HashKeys.setCookie((LbPolicy.CookieKey) key, value);
    }
    return value;
  }

  /** Fault injection first (delay, then abort), as Envoy's fault filter runs before the router. */
  private void forward(RequestView view) {
    forwarding = true; // a body arriving meanwhile is buffered
    if (route.route().retries().attempts() > 0) {
      replay = new ArrayDeque<>(2);
    }
    FaultInjection fault = route.route().fault().orElse(null);
    if (fault != null && fault.delay().isPresent() && hit(fault.delay().get().percentage())) {
      flags = ResponseFlags.FAULT_DELAY;
      ctx.executor()
          .schedule(
              () -> {
                if (!done) {
                  route(view, fault);
                }
              },
              fault.delay().get().fixedDelay().toNanos(),
              TimeUnit.NANOSECONDS);
      return;
    }
    route(view, fault);
  }

  private static boolean hit(double percentage) {
    return percentage >= 100 || ThreadLocalRandom.current().nextDouble() * 100 < percentage;
  }

  private void route(RequestView view, FaultInjection fault) {
    if (fault != null && fault.abort().isPresent() && hit(fault.abort().get().percentage())) {
      reply(
          HttpResponseStatus.valueOf(fault.abort().get().httpStatus()),
          ResponseFlags.FAULT_ABORT,
          "fault filter abort");
      return;
    }
    hashKey =
        route.stickyKey() != null ? HashKeys.extract(route.stickyKey(), view, ctx.channel()) : null;
    if (hashKey == null && route.stickyKey() != null) {
      hashKey = generatedCookie(route.stickyKey());
    }
    int index = route.pickDestination(hashKey);
    if (index < 0) {
      reply(
          HttpResponseStatus.SERVICE_UNAVAILABLE, ResponseFlags.NO_CLUSTER, "no healthy upstream");
      return;
    }
    destination = route.destinations()[index];
    cluster = route.clusters()[index];
    String why = UpstreamAttempts.unavailable(cluster);
    if (why != null) {
      cluster = null;
      reply(HttpResponseStatus.SERVICE_UNAVAILABLE, ResponseFlags.NO_CLUSTER, why);
      return;
    }
    if (cluster.hashKey != null && !cluster.hashKey.equals(route.stickyKey())) {
      hashKey = HashKeys.extract(cluster.hashKey, view, ctx.channel());
      if (hashKey == null) {
        hashKey = generatedCookie(cluster.hashKey);
      }
    }
    upgradeRequested = UpstreamRequests.websocketUpgrade(request.headers()) != null;
    if (upgradeRequested && cluster.cluster.protocol() == Cluster.UpstreamProtocol.HTTP2) {
      // a WebSocket over HTTP/2 needs extended CONNECT (RFC 8441), which we do not speak upstream:
      // say so, rather than send a plain request the client would take for a failed handshake
      reply(
          HttpResponseStatus.NOT_IMPLEMENTED,
          ResponseFlags.NONE,
          "websocket upgrade toward an HTTP/2 upstream is not supported");
      return;
    }
    UpstreamRequests.prepare(request, view, route.route(), destination, ctx, listener.scheme());
    if (!cluster.circuit.tryStartRequest()) {
      overflow("http2MaxRequests");
      return;
    }
    requestCounted = true;
    startMirrors();
    GrpcTimeouts.effective(route.route().timeout(), request.headers())
        .ifPresent(
            t ->
                timeout =
                    ctx.executor().schedule(this::onTimeout, t.toNanos(), TimeUnit.NANOSECONDS));
    sendAttempt();
  }

  private void startMirrors() {
    List<Mirror> configured = route.route().mirrors();
    for (int i = 0; i < configured.size(); i++) {
      Mirror mirror = configured.get(i);
      if (hit(mirror.percentage())) {
        MirrorExchange copy =
            MirrorExchange.start(
                snapshot.cluster(mirror.cluster()),
                runtime.pool(ctx.channel().eventLoop()),
                request);
        if (copy != null) {
          if (mirrors == null) {
            mirrors = new ArrayList<>(configured.size());
          }
          mirrors.add(copy);
        }
      }
    }
  }

  private void sendAttempt() {
    if (done) {
      return;
    }
    endpointIndex = UpstreamAttempts.pickEndpoint(cluster, hashKey);
    if (endpointIndex < 0) {
      reply(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          ResponseFlags.NO_HEALTHY_UPSTREAM,
          "no healthy upstream");
      return;
    }
    cluster.inFlight.incrementAndGet(endpointIndex);
    target = cluster.targets[endpointIndex];
    acquire();
  }

  private void acquire() {
    UpstreamPool pool = runtime.pool(ctx.channel().eventLoop());
    if (cluster.cluster.protocol() == Cluster.UpstreamProtocol.HTTP2) {
      acquireStream(pool);
      return;
    }
    UpstreamConnection idle = pool.pollIdle(target);
    if (idle != null) {
      attach(idle, false);
    } else if (cluster.circuit.tryOpenConnection()) {
      connect(pool);
    } else {
      PendingAcquire wait = new PendingAcquire(ctx.channel().eventLoop(), this::onWoken);
      if (cluster.circuit.tryEnqueue(wait)) {
        waiter = wait;
        if (cluster.circuit.idle.get() > 0) {
          runtime.evictIdle(cluster.circuit);
        }
      } else {
        overflow(UpstreamAttempts.overflowLimit(cluster.circuit));
      }
    }
  }

  /**
   * HTTP/2: a stream on one of the loop's connections to the endpoint; waits (or overflows) only
   * when none takes a stream and {@code maxConnections} are open.
   */
  private void acquireStream(UpstreamPool pool) {
    if (pool.http2.open(target, cluster, this)) {
      return;
    }
    PendingAcquire wait = new PendingAcquire(ctx.channel().eventLoop(), this::onWoken);
    if (cluster.circuit.tryEnqueue(wait)) {
      waiter = wait;
    } else {
      overflow(UpstreamAttempts.overflowLimit(cluster.circuit));
    }
  }

  @Override
  public void onStream(UpstreamConnection stream) {
    if (done) {
      stream.channel.close();
    } else {
      attach(stream, true);
    }
  }

  @Override
  public void onStreamFailed(boolean connectFailure) {
    if (connectFailure) {
      onConnectFailed();
    } else {
      onUpstreamClosed(); // the connection went away before the stream opened: as a reset
    }
  }

  /** A connection slot may be free: try again, or wait again. */
  private void onWoken() {
    if (done) {
      return;
    }
    UpstreamPool pool = runtime.pool(ctx.channel().eventLoop());
    if (cluster.cluster.protocol() == Cluster.UpstreamProtocol.HTTP2) {
      waiter = null;
      acquireStream(pool);
      return;
    }
    UpstreamConnection idle = pool.pollIdle(target);
    if (idle != null) {
      waiter = null;
      attach(idle, true);
    } else if (cluster.circuit.tryOpenConnection()) {
      waiter = null;
      connect(pool);
    } else {
      waiter.rearm();
      cluster.circuit.requeue(waiter);
      if (cluster.circuit.idle.get() > 0) {
        runtime.evictIdle(cluster.circuit);
      }
    }
  }

  private void overflow(String limit) {
    runtime.metrics.overflows.labelValues(cluster.cluster.name(), limit).inc();
    reply(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        ResponseFlags.UPSTREAM_OVERFLOW,
        "upstream connect error or disconnect/reset before headers. reset reason: overflow");
  }

  private void connect(UpstreamPool pool) {
    UpstreamConnection fresh = new UpstreamConnection(target, cluster.circuit, pool);
    pool.connect(fresh, cluster.cluster)
        .addListener(
            future -> {
              if (!future.isSuccess()) {
                fresh.closed();
                onConnectFailed();
              } else if (done) {
                fresh.channel.close();
              } else {
                attach(fresh, true);
              }
            });
  }

  /**
   * Sends the request head (and any body buffered meanwhile) on {@code upstream}. When called from
   * within a downstream read, the flush waits for the read's end ({@link #flushUpstream}).
   */
  private void attach(UpstreamConnection upstream, boolean flush) {
    connection = upstream;
    upstream.exchange = this;
    upstream.requests++;
    // void promises: nobody waits on these writes; a failure closes the connection, which the
    // exchange hears of through onUpstreamClosed
    upstream.channel.write(request, upstream.channel.voidPromise());
    if (buffered != null) {
      HttpContent content;
      while ((content = buffered.poll()) != null) {
        upstream.channel.write(content, upstream.channel.voidPromise());
      }
    }
    bufferedBytes = 0;
    armPerTryTimeout();
    if (flush) {
      upstream.channel.flush();
    }
    updateDownstreamRead();
  }

  private void onConnectFailed() {
    if (done) {
      return;
    }
    cluster.inFlight.decrementAndGet(endpointIndex);
    if (cluster.recordOutcome(endpointIndex, 503)) {
      runtime.metrics.ejections.labelValues(cluster.cluster.name()).inc();
    }
    endpointIndex = -1;
    if (Retries.onConnectFailure(route.route().retries()) && retry()) {
      return;
    }
    reply(
        HttpResponseStatus.SERVICE_UNAVAILABLE,
        attempt > 0 ? "UF,URX" : ResponseFlags.UPSTREAM_CONNECT_FAILURE,
        "upstream connect error or disconnect/reset before headers. reset reason: connection failure");
  }

  /**
   * Whether the request can be sent again: its whole body was received and kept (retries keep at
   * most 64 KiB; a longer body streamed to the first try cannot be replayed).
   */
  private boolean replayable() {
    return requestComplete && replay != null;
  }

  private void keepForReplay(HttpContent content) {
    if (replay == null || route == null || route.route().retries().attempts() == 0) {
      return;
    }
    replayBytes += content.content().readableBytes();
    if (replayBytes > MAX_BUFFERED_BYTES) {
      replay.forEach(ReferenceCountUtil::release);
      replay = null;
      return;
    }
    replay.add(content.retainedDuplicate());
  }

  private void armPerTryTimeout() {
    if (perTryTimeout != null) {
      perTryTimeout.cancel(false);
      perTryTimeout = null;
    }
    route
        .route()
        .retries()
        .perTryTimeout()
        .filter(t -> !t.isZero())
        .ifPresent(
            t ->
                perTryTimeout =
                    ctx.executor()
                        .schedule(this::onPerTryTimeout, t.toNanos(), TimeUnit.NANOSECONDS));
  }

  /** A try took too long before its response started: retry it if allowed, else 504 UT. */
  private void onPerTryTimeout() {
    if (done || responseStarted || tunnel || connection == null) {
      return;
    }
    UpstreamConnection slow = connection;
    connection = null;
    slow.exchange = null;
    slow.channel.close();
    if (Retries.onReset(route.route().retries())
        && replayable()
        && abandonAttempt(504)
        && retry()) {
      return;
    }
    reply(
        HttpResponseStatus.GATEWAY_TIMEOUT,
        ResponseFlags.UPSTREAM_TIMEOUT,
        "upstream request timeout");
  }

  /** Ends the current try: counts it against the endpoint; false when the exchange is over. */
  private boolean abandonAttempt(int status) {
    if (done || endpointIndex < 0) {
      return !done;
    }
    cluster.inFlight.decrementAndGet(endpointIndex);
    if (cluster.recordOutcome(endpointIndex, status)) {
      runtime.metrics.ejections.labelValues(cluster.cluster.name()).inc();
    }
    endpointIndex = -1;
    return true;
  }

  /**
   * Schedules the next try after Envoy's back-off (random in [0, base × 2^(try-1)]), re-sending the
   * kept body; false when no attempt is left.
   */
  private boolean retry() {
    RetryPolicy retries = route.route().retries();
    if (attempt >= retries.attempts()) {
      return false;
    }
    if (!retrying) {
      // Envoy's max_retries breaker: outstanding retries of the cluster, across the proxy
      if (!cluster.circuit.tryStartRetry()) {
        runtime.metrics.overflows.labelValues(cluster.cluster.name(), "maxRetries").inc();
        return false;
      }
      retrying = true;
    }
    attempt++;
    if (replay != null && !replay.isEmpty()) {
      if (buffered == null) {
        buffered = new ArrayDeque<>(replay.size());
      }
      for (HttpContent kept : replay) {
        buffered.add(kept.retainedDuplicate());
      }
    }
    long delay =
        ThreadLocalRandom.current().nextLong(Retries.maxBackoffMillis(retries, attempt) + 1);
    ctx.executor().schedule(this::sendAttempt, delay, TimeUnit.MILLISECONDS);
    return true;
  }

  void onRequestContent(HttpContent content) {
    if (content.decoderResult().isFailure()) {
      content.release();
      abort(HttpResponseStatus.BAD_REQUEST, "malformed request body");
      return;
    }
    bytesIn += content.content().readableBytes();
    long limit = runtime.config.maxRequestBodyBytes();
    if (limit > 0 && bytesIn > limit) {
      content.release();
      abort(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "payload too large");
      return;
    }
    boolean last = content instanceof LastHttpContent;
    if (mirrors != null) {
      for (int i = 0; i < mirrors.size(); i++) {
        mirrors.get(i).onRequestContent(content);
      }
    }
    keepForReplay(content);
    if (connection != null) {
      connection.channel.write(content, connection.channel.voidPromise());
    } else if (forwarding) {
      if (buffered == null) {
        buffered = new ArrayDeque<>(4);
      }
      buffered.add(content);
      bufferedBytes += content.content().readableBytes();
      if (bufferedBytes > MAX_BUFFERED_BYTES) {
        updateDownstreamRead(); // connecting or waiting: stop reading until the body can flow
      }
    } else {
      content.release();
    }
    if (last) {
      requestComplete = true;
    } else if (connection != null && !connection.channel.isWritable()) {
      connection.channel.flush();
      updateDownstreamRead();
    }
  }

  /** A protocol error in the request body: answer if we still can, and close the connection. */
  private void abort(HttpResponseStatus status, String why) {
    runtime.metrics.badRequests.labelValues(Integer.toString(status.code())).inc();
    closeAfter = true;
    if (responseStarted) {
      flags = ResponseFlags.DOWNSTREAM_PROTOCOL_ERROR;
      releaseConnection(false);
      finish();
    } else {
      reply(status, ResponseFlags.DOWNSTREAM_PROTOCOL_ERROR, why);
    }
  }

  void flushUpstream() {
    if (connection != null) {
      connection.channel.flush();
    }
  }

  /**
   * Reads the client while its body can go somewhere: the upstream connection is writable, or
   * (while connecting) little is buffered. Changes the channel only when the answer changes, as
   * each change costs a system call with epoll.
   */
  private void updateDownstreamRead() {
    boolean read =
        done
            || (connection == null
                ? bufferedBytes <= MAX_BUFFERED_BYTES
                : connection.channel.isWritable());
    if (ctx.channel().config().isAutoRead() != read) {
      ctx.channel().config().setAutoRead(read);
    }
  }

  // ---- response side -----------------------------------------------------------------------

  @Override
  public void onUpstreamRead(Object msg) {
    if (done) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (tunnel) {
      relayUpstreamBytes(msg);
      return;
    }
    if (msg instanceof HttpResponse response) {
      int code = response.status().code();
      if (code == 101 && upgradeRequested) {
        startTunnel(response);
        return;
      }
      if (code >= 100 && code < 200 && code != 101) {
        // 100 Continue and friends pass through; their empty end is passed on but ends nothing
        skipInformationalEnd = true;
        response.setProtocolVersion(clientVersion);
        lastWrite = ctx.write(response);
        return;
      }
      if ((Retries.onStatus(route.route().retries(), code)
              || (msg instanceof FullHttpResponse trailersOnly // only HTTP/2 has these
                  && Retries.onGrpcStatus(route.route().retries(), trailersOnly.headers())))
          && replayable()) {
        ReferenceCountUtil.release(msg);
        UpstreamConnection used = connection;
        connection = null;
        used.exchange = null;
        used.channel.close(); // its body is not wanted
        if (abandonAttempt(code) && retry()) {
          return;
        }
        reply(
            HttpResponseStatus.valueOf(code),
            "URX",
            "upstream answered " + code + " after retries");
        return;
      }
      onResponseHead(response);
    }
    if (msg instanceof HttpContent content) {
      if (skipInformationalEnd) {
        skipInformationalEnd = !(content instanceof LastHttpContent);
        lastWrite = ctx.writeAndFlush(content);
        return;
      }
      bytesOut += content.content().readableBytes();
      if (!(msg instanceof HttpResponse)) { // a whole HTTP/2 response went out with its head
        lastWrite = ctx.write(content);
      }
      if (content instanceof LastHttpContent) {
        ctx.flush();
        releaseConnection(
            UpstreamAttempts.reusable(
                requestComplete, upstreamKeepAlive, connection, cluster.circuit));
        finish();
      } else if (!ctx.channel().isWritable()) {
        ctx.flush(); // may make the channel writable again at once: check after it
        if (!ctx.channel().isWritable()) {
          connection.channel.config().setAutoRead(false);
        }
      }
    }
  }

  private void onResponseHead(HttpResponse response) {
    responseStarted = true;
    status = response.status().code();
    upstreamKeepAlive = HttpUtil.isKeepAlive(response);
    if (ResponseHeads.prepare(
        response, request.method(), clientVersion, route, destination, corsOrigin, setCookie)) {
      closeAfter = true;
    }
    setConnectionHeader(response.headers());
    lastWrite = ctx.write(response);
  }

  private void setConnectionHeader(HttpHeaders headers) {
    closeAfter =
        ResponseHeads.connectionHeader(
            headers, closeAfter, clientKeepAlive, runtime.draining, clientVersion);
  }

  // ---- WebSocket tunnel ---------------------------------------------------------------------

  boolean tunneling() {
    return tunnel;
  }

  /**
   * The upstream switched protocols: pass the 101 on, then drop the HTTP codecs on both sides and
   * relay bytes until either side closes. The connection is never pooled again.
   */
  private void startTunnel(HttpResponse response) {
    tunnel = true;
    if (timeout != null) {
      timeout.cancel(false); // a route timeout bounds the upgrade, not the tunnel's life
    }
    responseStarted = true;
    status = 101;
    WebSocketTunnel.open(ctx, connection.channel, response, clientVersion);
  }

  private void relayUpstreamBytes(Object msg) {
    ByteBuf bytes = WebSocketTunnel.bytes(msg);
    if (bytes != null) {
      bytesOut += bytes.readableBytes();
      ctx.writeAndFlush(bytes);
    }
  }

  /** Bytes from the client once tunneling. */
  void onTunnelData(ByteBuf bytes) {
    if (connection == null) {
      bytes.release();
      return;
    }
    bytesIn += bytes.readableBytes();
    connection.channel.writeAndFlush(bytes);
  }

  @Override
  public void onUpstreamReadComplete() {
    ctx.flush();
  }

  @Override
  public void onUpstreamWritabilityChanged() {
    if (!done) {
      updateDownstreamRead();
    }
  }

  void onDownstreamWritabilityChanged() {
    if (connection != null) {
      boolean read = ctx.channel().isWritable();
      if (connection.channel.config().isAutoRead() != read) {
        connection.channel.config().setAutoRead(read);
      }
    }
  }

  /** The upstream connection closed while this exchange used it. */
  @Override
  public void onUpstreamClosed() {
    UpstreamConnection closed = connection;
    connection = null;
    if (done) {
      return;
    }
    if (tunnel) {
      closeAfter = true;
      finish();
      return;
    }
    if (!responseStarted) {
      boolean refused = closed != null && closed.refused();
      if ((Retries.onReset(route.route().retries())
              || (refused && Retries.onRefusedStream(route.route().retries())))
          && replayable()
          && abandonAttempt(503)
          && retry()) {
        return;
      }
      reply(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          attempt > 0 ? "UC,URX" : ResponseFlags.UPSTREAM_TERMINATION,
          "upstream connect error or disconnect/reset before headers. reset reason: connection termination");
    } else {
      flags = ResponseFlags.UPSTREAM_TERMINATION;
      closeAfter = true;
      ctx.flush();
      resetHttp2Client();
      finish();
    }
  }

  /**
   * Ends an HTTP/2 client's stream whose response broke off with RST_STREAM NO_ERROR, as Envoy does
   * for an upstream reset (gRPC clients read it as UNAVAILABLE; a plain close would send CANCEL).
   */
  private void resetHttp2Client() {
    if (ctx.channel() instanceof Http2StreamChannel) {
      ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
    }
  }

  void onDownstreamClosed() {
    if (done) {
      return;
    }
    if (!tunnel) {
      flags = ResponseFlags.DOWNSTREAM_TERMINATION;
    }
    closeAfter = true;
    releaseConnection(false);
    finish();
  }

  private void onTimeout() {
    if (done) {
      return;
    }
    releaseConnection(false);
    if (!responseStarted) {
      reply(
          HttpResponseStatus.GATEWAY_TIMEOUT,
          ResponseFlags.UPSTREAM_TIMEOUT,
          "upstream request timeout");
    } else {
      flags = ResponseFlags.UPSTREAM_TIMEOUT;
      closeAfter = true;
      ctx.flush();
      finish();
    }
  }

  // ---- endings -----------------------------------------------------------------------------

  private void redirect(int code, String location) {
    send(LocalReplies.redirect(clientVersion, code, location), ResponseFlags.NONE);
  }

  /** Answers locally (a route's direct response, or an error); the upstream, if any, is dropped. */
  private void reply(HttpResponseStatus code, String responseFlags, String body) {
    if (responseStarted) {
      flags = responseFlags;
      closeAfter = true;
      releaseConnection(false);
      finish();
      return;
    }
    releaseConnection(false);
    send(
        LocalReplies.reply(clientVersion, code, responseFlags, body, request.headers()),
        responseFlags);
  }

  private void send(FullHttpResponse response, String responseFlags) {
    // a body still arriving after this answer is read and dropped by the connection handler, so
    // the connection stays usable for the next request
    HttpUtil.setContentLength(response, response.content().readableBytes());
    if (route != null) {
      UpstreamRequests.apply(route.route().responseHeaders(), response.headers());
    }
    setConnectionHeader(response.headers());
    responseStarted = true;
    status = response.status().code();
    flags = responseFlags;
    bytesOut += response.content().readableBytes();
    lastWrite = ctx.writeAndFlush(response);
    finish();
  }

  private void releaseConnection(boolean reusable) {
    UpstreamConnection upstream = connection;
    connection = null;
    if (upstream == null) {
      return;
    }
    upstream.exchange = null;
    if (!UpstreamAttempts.pooled(upstream, reusable, cluster.circuit, runtime.draining)) {
      upstream.channel.close();
      return;
    }
    if (!upstream.channel.config().isAutoRead()) {
      upstream.channel.config().setAutoRead(true);
    }
    upstream.pool.offer(upstream);
  }

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    if (timeout != null) {
      timeout.cancel(false);
    }
    if (perTryTimeout != null) {
      perTryTimeout.cancel(false);
    }
    if (waiter != null) {
      cluster.circuit.cancel(waiter);
      waiter = null;
    }
    if (requestCounted) {
      cluster.circuit.endRequest();
    }
    if (retrying) {
      cluster.circuit.endRetry();
    }
    if (endpointIndex >= 0) {
      cluster.inFlight.decrementAndGet(endpointIndex);
      int outcome = ExchangeRecords.outlierOutcome(flags, status);
      if (outcome > 0 && cluster.recordOutcome(endpointIndex, outcome)) {
        runtime.metrics.ejections.labelValues(cluster.cluster.name()).inc();
      }
    }
    if (buffered != null) {
      buffered.forEach(ReferenceCountUtil::release);
      buffered = null;
    }
    if (mirrors != null) {
      mirrors.forEach(MirrorExchange::primaryAborted);
    }
    if (replay != null) {
      replay.forEach(ReferenceCountUtil::release);
      replay = null;
    }
    record();
    runtime.inFlight.decrementAndGet();
    downstream.exchangeDone(this, closeAfter, lastWrite);
  }

  private void record() {
    double millis = (System.nanoTime() - startNanos) / 1e6;
    ExchangeRecords.metrics(runtime, listener, cluster, status, flags, millis, bytesIn, bytesOut);
    ExchangeRecords.accessLog(
        runtime,
        method,
        path,
        clientVersion.text(),
        status,
        flags,
        bytesIn,
        bytesOut,
        millis,
        request.headers(),
        target,
        cluster,
        ctx.channel());
  }

  EventLoop loop() {
    return ctx.channel().eventLoop();
  }
}
