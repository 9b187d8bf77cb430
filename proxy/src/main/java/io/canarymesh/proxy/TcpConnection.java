package io.canarymesh.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One relayed connection: both channels (on the same event loop, so plain fields suffice), what was
 * routed where, the byte counts, and the end: half-closes are passed on, the connection is closed
 * once both directions ended or either side closed, and then it is recorded once (metrics and an
 * access-log line in Envoy's format for TCP: {@code "- - -" 0 flags}).
 */
final class TcpConnection {
  private final ProxyRuntime runtime;
  private final Instant start = Instant.now();
  private final long startNanos = System.nanoTime();
  final Channel downstream;
  Channel upstream;
  ClusterSnapshot cluster;

  /** Set once the relay starts: closes the connection when idle both ways. */
  TcpIdleTimer idle;

  String upstreamHost = "-";
  String serverName = "-";
  String flags = ResponseFlags.NONE;
  long received;
  long sent;
  private int inputsEnded;
  private boolean opened;
  private boolean recorded;

  TcpConnection(ProxyRuntime runtime, Channel downstream) {
    this.runtime = runtime;
    this.downstream = downstream;
  }

  /** The peer of {@code side}: where its bytes go. */
  Channel peer(Channel side) {
    return side == downstream ? upstream : downstream;
  }

  /**
   * {@code side} sent FIN: pass it on once what it sent was written (the peer's output shuts down,
   * its input stays open); when both sides have done so, close.
   */
  void inputEnded(Channel side) {
    Channel peer = peer(side);
    inputsEnded++;
    if (inputsEnded == 2 || !(peer instanceof DuplexChannel duplex)) {
      close();
      return;
    }
    peer.writeAndFlush(Unpooled.EMPTY_BUFFER)
        .addListener(
            written -> {
              if (written.isSuccess()) {
                duplex.shutdownOutput();
              } else {
                close();
              }
            });
  }

  /** Closes both sides after what is queued for them was written. */
  void close() {
    closeAfterFlush(downstream);
    if (upstream != null) {
      closeAfterFlush(upstream);
    }
  }

  private static void closeAfterFlush(Channel channel) {
    if (channel.isActive()) {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.close();
    }
  }

  /** Ends the connection with {@code reason} before any upstream was reached. */
  void refuse(String reason) {
    flags = reason;
    opened();
    downstream.close();
  }

  /** Counts the connection as opened, once: when routed, refused, or (without either) closed. */
  void opened() {
    if (!opened) {
      opened = true;
      runtime.tcpMetrics.opened(service(), version(), flags);
    }
  }

  /** Records the connection; called once, when the downstream side is closed. */
  void record() {
    if (recorded) {
      return;
    }
    recorded = true;
    opened();
    runtime.tcpMetrics.closed(service(), version(), flags, received, sent);
    if (runtime.config.accessLog() && AccessLog.LOG.isInfoEnabled()) {
      AccessLog.LOG.info(line());
    }
  }

  /**
   * {@code [start] "- - -" 0 flags bytes_received bytes_sent duration_ms "-" "-" "-" "sni"
   * "upstream_host" cluster client}: the HTTP line's fields, empty where TCP has none, the server
   * name in the authority's place.
   */
  String line() {
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    return "["
        + start
        + "] \"- - -\" 0 "
        + flags
        + " "
        + received
        + " "
        + sent
        + " "
        + millis
        + " \"-\" \"-\" \"-\" \""
        + serverName
        + "\" \""
        + upstreamHost
        + "\" "
        + (cluster == null ? "-" : cluster.cluster.name())
        + " "
        + client();
  }

  private String client() {
    return downstream.remoteAddress() instanceof InetSocketAddress address
        ? address.getAddress().getHostAddress() + ":" + address.getPort()
        : "-";
  }

  private String service() {
    return cluster == null ? "unknown" : cluster.metrics.service;
  }

  private String version() {
    return cluster == null ? "unknown" : cluster.metrics.version;
  }
}
