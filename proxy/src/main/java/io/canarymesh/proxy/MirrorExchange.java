package io.canarymesh.proxy;

import io.canarymesh.mesh.model.Cluster;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * A fire-and-forget copy of a request to a mirror cluster ({@code mirror} / {@code mirrors}): the
 * same head with {@code -shadow} appended to the Host (as Envoy does), the body duplicated chunk by
 * chunk; the response is read and dropped. It never slows the primary: when the mirror cannot keep
 * up (limits, no connection yet and too much buffered, unwritable) the copy is abandoned. To an
 * HTTP/2 cluster the copy is a stream on the loop's connection to the endpoint, as the primary's
 * would be (Envoy's shadow uses the cluster's own connection pool); the stream is never reused.
 */
final class MirrorExchange implements UpstreamUser, Http2Upstream.StreamWaiter {
  private static final int MAX_BUFFERED_BYTES = 64 * 1024;

  private final ClusterSnapshot cluster;
  private final UpstreamPool pool;
  private final HttpRequest head;
  private ArrayDeque<HttpContent> buffered = new ArrayDeque<>(2);
  private int bufferedBytes;
  private UpstreamConnection connection;
  private boolean requestComplete;
  private boolean done;

  private MirrorExchange(ClusterSnapshot cluster, UpstreamPool pool, HttpRequest head) {
    this.cluster = cluster;
    this.pool = pool;
    this.head = head;
  }

  /** Starts a copy of {@code request} (already prepared for upstream), or returns null. */
  static MirrorExchange start(ClusterSnapshot cluster, UpstreamPool pool, HttpRequest request) {
    if (cluster == null || cluster.targets.length == 0 || !cluster.circuit.tryStartRequest()) {
      return null;
    }
    HttpRequest copy =
        new DefaultHttpRequest(
            request.protocolVersion(), request.method(), request.uri(), request.headers().copy());
    String host = copy.headers().get(HttpHeaderNames.HOST);
    if (host != null) {
      copy.headers().set(HttpHeaderNames.HOST, HostSelector.stripPort(host) + "-shadow");
    }
    MirrorExchange mirror = new MirrorExchange(cluster, pool, copy);
    mirror.acquire();
    return mirror;
  }

  private void acquire() {
    int index = cluster.avoidEjected(cluster.picker.pick());
    if (index < 0) {
      finish();
      return;
    }
    UpstreamTarget target = cluster.targets[index];
    if (cluster.cluster.protocol() == Cluster.UpstreamProtocol.HTTP2) {
      if (!pool.http2.open(target, cluster, this)) {
        finish(); // every connection draining and no room for another: a mirror never waits
      }
      return;
    }
    UpstreamConnection idle = pool.pollIdle(target);
    if (idle != null) {
      attach(idle);
    } else if (cluster.circuit.tryOpenConnection()) {
      UpstreamConnection fresh = new UpstreamConnection(target, cluster.circuit, pool);
      pool.connect(fresh, cluster.cluster)
          .addListener(
              future -> {
                if (!future.isSuccess()) {
                  fresh.closed();
                  finish();
                } else if (done) {
                  fresh.channel.close();
                } else {
                  attach(fresh);
                }
              });
    } else {
      finish(); // a mirror never waits for a connection
    }
  }

  @Override
  public void onStream(UpstreamConnection stream) {
    if (done) {
      stream.channel.close();
    } else {
      attach(stream);
    }
  }

  @Override
  public void onStreamFailed(boolean connectFailure) {
    finish();
  }

  private void attach(UpstreamConnection upstream) {
    connection = upstream;
    upstream.exchange = this;
    upstream.requests++;
    upstream.channel.write(head);
    HttpContent content;
    while ((content = buffered.poll()) != null) {
      upstream.channel.write(content);
    }
    upstream.channel.flush();
  }

  /** A chunk of the primary's body; the mirror takes its own reference. */
  void onRequestContent(HttpContent content) {
    if (done) {
      return;
    }
    HttpContent copy = content.retainedDuplicate();
    requestComplete = content instanceof LastHttpContent;
    if (connection != null) {
      if (!connection.channel.isWritable()) {
        copy.release();
        abandon();
        return;
      }
      connection.channel.writeAndFlush(copy);
    } else {
      bufferedBytes += copy.content().readableBytes();
      buffered.add(copy);
      if (bufferedBytes > MAX_BUFFERED_BYTES) {
        abandon();
      }
    }
  }

  /** The primary ended before its body did: the copy cannot be completed. */
  void primaryAborted() {
    if (!requestComplete) {
      abandon();
    }
  }

  @Override
  public void onUpstreamRead(Object msg) {
    boolean last = msg instanceof LastHttpContent;
    ReferenceCountUtil.release(msg);
    if (last && !done) {
      UpstreamConnection upstream = connection;
      connection = null;
      upstream.exchange = null;
      if (requestComplete
          && upstream.parent == null
          && upstream.usable()
          && upstream.requests < cluster.circuit.limits().maxRequestsPerConnection()) {
        pool.offer(upstream);
      } else {
        upstream.channel.close();
      }
      finish();
    }
  }

  @Override
  public void onUpstreamReadComplete() {}

  @Override
  public void onUpstreamWritabilityChanged() {}

  @Override
  public void onUpstreamClosed() {
    connection = null;
    finish();
  }

  private void abandon() {
    if (connection != null) {
      connection.exchange = null;
      connection.channel.close();
      connection = null;
    }
    finish();
  }

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    cluster.circuit.endRequest();
    if (buffered != null) {
      buffered.forEach(ReferenceCountUtil::release);
      buffered = null;
    }
  }
}
