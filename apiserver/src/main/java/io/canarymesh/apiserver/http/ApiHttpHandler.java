package io.canarymesh.apiserver.http;

import io.canarymesh.apiserver.rest.ApiException;
import io.canarymesh.apiserver.rest.ApiPath;
import io.canarymesh.apiserver.rest.ApiRequest;
import io.canarymesh.apiserver.rest.ApiResponse;
import io.canarymesh.apiserver.rest.ResourceHandler;
import io.canarymesh.apiserver.rest.WatchHandler;
import io.canarymesh.model.KindRegistry;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request: authentication, then non-resource paths, then resources — the verbs run on a
 * worker (the store blocks), never on the event loop. Every failure is a Status body.
 */
@ChannelHandler.Sharable
final class ApiHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(ApiHttpHandler.class);

  private final KindRegistry registry;
  private final Predicate<String> authenticator;
  private final NonResourceRoutes routes;
  private final ResourceHandler resources;
  private final WatchHandler watches;
  private final ExecutorService workers;

  ApiHttpHandler(
      KindRegistry registry,
      Predicate<String> authenticator,
      NonResourceRoutes routes,
      ResourceHandler resources,
      WatchHandler watches,
      ExecutorService workers) {
    this.registry = registry;
    this.authenticator = authenticator;
    this.routes = routes;
    this.resources = resources;
    this.watches = watches;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
    boolean keepAlive = HttpUtil.isKeepAlive(http);
    if (http.decoderResult().isFailure()) {
      respond(ctx, ApiResponse.error(ApiException.badRequest("malformed HTTP request")), false);
      return;
    }
    if ("websocket".equalsIgnoreCase(http.headers().get(HttpHeaderNames.UPGRADE))) {
      // kube-apiserver also streams watches over WebSocket; this server streams over HTTP only.
      // Clients that try WebSocket first (fabric8) fall back to HTTP on a 503 (or 200) answer.
      respond(
          ctx,
          ApiResponse.error(
              new ApiException(
                  503,
                  "ServiceUnavailable",
                  "WebSocket is not supported by this server: watch over HTTP streaming",
                  null)),
          keepAlive);
      return;
    }
    ApiRequest request = toApiRequest(http);
    if (!routes.isPublic(request.path())
        && !authenticator.test(http.headers().get(HttpHeaderNames.AUTHORIZATION))) {
      respond(ctx, ApiResponse.error(ApiException.unauthorized()), keepAlive);
      return;
    }
    workers.execute(() -> serve(ctx, request, keepAlive));
  }

  private void serve(ChannelHandlerContext ctx, ApiRequest request, boolean keepAlive) {
    try {
      Optional<ApiResponse> plain = routes.route(request);
      if (plain.isPresent()) {
        respond(ctx, plain.get(), keepAlive);
        return;
      }
      ApiPath path =
          ApiPath.parse(request.path(), registry).orElseThrow(ApiException::notFoundPath);
      if (request.method().equals("GET")
          && "log".equals(path.subresource())
          && request.flag("follow")) {
        NettyWatchSink sink = NettyWatchSink.text(ctx.channel());
        resources.followLog(path, request, sink);
        return;
      }
      if (request.method().equals("GET") && request.flag("watch")) {
        NettyWatchSink sink = new NettyWatchSink(ctx.channel());
        sink.start();
        watches.watch(path, request, sink);
        return;
      }
      respond(ctx, resources.handle(path, request), keepAlive);
    } catch (ApiException e) {
      respond(ctx, ApiResponse.error(e), keepAlive);
    } catch (RuntimeException e) {
      log.error("{} {} failed", request.method(), request.path(), e);
      respond(
          ctx,
          ApiResponse.error(
              new ApiException(500, "InternalError", "Internal error occurred: " + e, null)),
          keepAlive);
    }
  }

  private static ApiRequest toApiRequest(FullHttpRequest http) {
    QueryStringDecoder uri = new QueryStringDecoder(http.uri());
    byte[] body = ByteBufUtil.getBytes(http.content());
    return new ApiRequest(
        http.method().name(),
        uri.path(),
        uri.parameters(),
        Optional.ofNullable(http.headers().get(HttpHeaderNames.ACCEPT)).orElse(""),
        Optional.ofNullable(http.headers().get(HttpHeaderNames.CONTENT_TYPE)).orElse(""),
        body);
  }

  static void respond(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
    FullHttpResponse http =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(response.status()),
            Unpooled.wrappedBuffer(response.body()));
    http.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, response.contentType())
        .set(HttpHeaderNames.CONTENT_LENGTH, response.body().length)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, private");
    for (String warning : response.warnings()) {
      http.headers().add("Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\"");
    }
    HttpUtil.setKeepAlive(http, keepAlive);
    var write = ctx.writeAndFlush(http);
    if (!keepAlive) {
      write.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("connection error: {}", cause.toString());
    ctx.close();
  }
}
