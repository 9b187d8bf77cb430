package io.canarymesh.apiserver.http;

import io.canarymesh.apiserver.rest.WatchSink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A watch stream as a chunked HTTP response: headers first, then one flushed chunk per event line,
 * ended by the last chunk. Writes are thread-safe (Netty queues them onto the channel's loop). The
 * same for a followed log ({@link #text}): {@code text/plain}, chunks sent as they are.
 */
final class NettyWatchSink implements WatchSink {
  private final Channel channel;
  private final String contentType;
  private final boolean lines;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final List<Runnable> onClose = new CopyOnWriteArrayList<>();

  NettyWatchSink(Channel channel) {
    this(channel, "application/json", true);
  }

  private NettyWatchSink(Channel channel, String contentType, boolean lines) {
    this.contentType = contentType;
    this.lines = lines;
    this.channel = channel;
    channel.closeFuture().addListener(f -> closed());
  }

  @Override
  public void send(byte[] json) {
    if (ended.get()) {
      return;
    }
    start();
    ByteBuf line = channel.alloc().buffer(json.length + 1);
    line.writeBytes(json);
    if (lines) {
      line.writeByte('\n');
    }
    channel.writeAndFlush(new DefaultHttpContent(line));
  }

  @Override
  public void end() {
    if (ended.compareAndSet(false, true)) {
      start();
      channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
      closed();
    }
  }

  @Override
  public void onClose(Runnable action) {
    onClose.add(action);
    if (ended.get() || !channel.isActive()) {
      closed();
    }
  }

  /** A followed log: {@code text/plain} chunks, sent as they are. */
  static NettyWatchSink text(Channel channel) {
    return new NettyWatchSink(channel, "text/plain", false);
  }

  /** Sends the response head once, before the first event (an empty watch still gets headers). */
  void start() {
    if (started.compareAndSet(false, true)) {
      var head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      head.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, contentType)
          .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
          .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, private");
      channel.writeAndFlush(head);
    }
  }

  private void closed() {
    ended.set(true);
    for (Runnable action : onClose) {
      if (onClose.remove(action)) {
        action.run();
      }
    }
  }
}
