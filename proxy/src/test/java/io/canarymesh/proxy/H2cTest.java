package io.canarymesh.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * h2c with prior knowledge: streams are routed and split like HTTP/1.1 requests. An {@code Upgrade:
 * h2c} request is served as the HTTP/1.1 request it also is, as Envoy does (envoy#7981; RFC 9113
 * deprecates the upgrade).
 */
@org.junit.jupiter.api.extension.ExtendWith(LeakCheck.class)
class H2cTest {
  @Test
  void anH2cUpgradeIsServedAsHttp11WithoutTheUpgradeHeaders() throws Exception {
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1, Tables.gatewayYaml(v1.port(), v2.port(), Tables.ALL_TO_V1, "")))) {
      String response =
          RawHttp.exchange(
              proxy.address(),
              "GET /echo-headers HTTP/1.1\r\nHost: x\r\n"
                  + "Connection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\n"
                  + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");

      assertThat(response).startsWith("HTTP/1.1 200 ").doesNotContainIgnoringCase("upgrade: h2c");
      String seenByBackend = RawHttp.body(response).toLowerCase(java.util.Locale.ROOT);
      assertThat(seenByBackend).doesNotContain("upgrade").doesNotContain("http2-settings");
      assertThat(v1.requests.get()).isEqualTo(1);
    }
  }

  @Test
  void servesHttp2StreamsWithPriorKnowledge() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (Backend v1 = new Backend("v1");
        Backend v2 = new Backend("v2");
        ProxyFixture proxy =
            new ProxyFixture(
                Tables.compile(
                    1, Tables.gatewayYaml(v1.port(), v2.port(), Tables.SPLIT_70_30, "")))) {
      Channel connection =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .handler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channel
                          .pipeline()
                          .addLast(Http2FrameCodecBuilder.forClient().build())
                          .addLast(
                              new Http2MultiplexHandler(
                                  new SimpleChannelInboundHandler<>() {
                                    @Override
                                    protected void channelRead0(
                                        ChannelHandlerContext ctx, Object msg) {}
                                  }));
                    }
                  })
              .connect(proxy.address())
              .sync()
              .channel();
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < 10; i++) {
        String body = exchange(connection, "/h2/" + i, i == 0 ? "posted" : null);
        counts.merge(body.substring(0, 2), 1, Integer::sum);
        if (i == 0) {
          assertThat(body).isEqualTo("v1|POST|/h2/0|6");
        }
      }
      assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("v1", 7, "v2", 3));
      assertThat(v1.lastHeaders).doesNotContainKey("x-http2-stream-id");
      connection.close().sync();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  private static String exchange(Channel connection, String path, String body) throws Exception {
    CompletableFuture<String> answer = new CompletableFuture<>();
    Http2StreamChannel stream =
        new Http2StreamChannelBootstrap(connection)
            .handler(
                new ChannelInitializer<Http2StreamChannel>() {
                  @Override
                  protected void initChannel(Http2StreamChannel channel) {
                    channel
                        .pipeline()
                        .addLast(new Http2StreamFrameToHttpObjectCodec(false))
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(
                            new SimpleChannelInboundHandler<FullHttpResponse>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, FullHttpResponse response) {
                                answer.complete(
                                    response.status().code()
                                        + " "
                                        + response.content().toString(StandardCharsets.UTF_8));
                              }
                            });
                  }
                })
            .open()
            .sync()
            .getNow();
    FullHttpRequest request =
        body == null
            ? new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path)
            : new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.POST,
                path,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    request.headers().set(HttpHeaderNames.HOST, "h2.test");
    request.headers().set(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(), "http");
    HttpUtil.setContentLength(request, request.content().readableBytes());
    stream.writeAndFlush(request);
    String result = answer.get(10, TimeUnit.SECONDS);
    assertThat(result).startsWith("200 ");
    return result.substring(4);
  }
}
