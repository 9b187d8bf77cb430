package io.canarymesh.proxy;

import static java.util.Objects.requireNonNull;

import io.canarymesh.mesh.model.Listener;
import io.canarymesh.mesh.model.RouteTable;
import io.canarymesh.mesh.model.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: serves a {@link RouteTable}'s listeners with Netty, one event loop per core.
 *
 * <p>{@link #update} swaps in a new table atomically: requests in flight finish on the table they
 * started with; listeners are bound and unbound by difference, new ones before old ones go, and a
 * connection on a listener that stays is never dropped. {@link #close} stops accepting, lets
 * in-flight requests finish within the drain timeout, then closes every connection.
 */
public final class MeshProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MeshProxy.class);

  private final ProxyConfig config;
  private final EventLoopGroup loops;
  private final ProxyRuntime runtime;
  private final Map<String, Binding> bindings = new LinkedHashMap<>();
  private boolean closed;

  /**
   * A bound socket and the listener it serves (a listener may change under the same socket). Its
   * TLS context is swapped when the listener's TLS settings change (a rotated certificate, say):
   * connections accepted from then on use the new one, open connections keep theirs.
   */
  private static final class Binding {
    final InetSocketAddress requested;
    final Listener listener;
    volatile String listenerName;
    Optional<ServerTls> tlsSettings;
    volatile SslContext tls;
    Channel channel;

    Binding(InetSocketAddress requested, Listener listener) {
      this.requested = requested;
      this.listener = listener;
      this.listenerName = listener.name();
      this.tlsSettings = listener.tls();
    }
  }

  private MeshProxy(ProxyConfig config) {
    this.config = config;
    Transport transport = Transport.best();
    this.loops = transport.newGroup(config.eventLoops(), "canary-proxy");
    this.runtime = new ProxyRuntime(config, transport, loops);
  }

  /** Starts a proxy serving an empty table: nothing is bound until {@link #update}. */
  public static MeshProxy start(ProxyConfig config) {
    requireNonNull(config, "config");
    return new MeshProxy(config);
  }

  /** The table currently served. */
  public RouteTable table() {
    return runtime.snapshot().table;
  }

  /**
   * Serves {@code table} from now on. A listener whose socket cannot be bound is logged and left
   * out; the others are served.
   */
  public synchronized void update(RouteTable table) {
    requireNonNull(table, "table");
    if (closed) {
      throw new IllegalStateException("proxy is closed");
    }
    RouteSnapshot next = runtime.compile(table);
    Map<String, Binding> wanted = new LinkedHashMap<>();
    for (Listener listener : table.listeners()) {
      for (InetSocketAddress address : config.binding().apply(listener)) {
        wanted.put(listener.name() + "@" + address, new Binding(address, listener));
      }
    }
    for (Map.Entry<String, Binding> entry : wanted.entrySet()) {
      Binding existing = bindings.get(entry.getKey());
      if (existing != null && !existing.tlsSettings.equals(entry.getValue().tlsSettings)) {
        if (!retls(existing, entry.getValue().listener)) {
          // never serve a listener whose TLS no longer loads in clear text or with stale settings
          bindings.remove(entry.getKey()).channel.close().awaitUninterruptibly();
          continue;
        }
      }
      if (existing != null) {
        existing.listenerName = entry.getValue().listenerName;
      } else if (bind(entry.getValue())) {
        bindings.put(entry.getKey(), entry.getValue());
      }
    }
    runtime.swap(next);
    for (String key : new ArrayList<>(bindings.keySet())) {
      if (!wanted.containsKey(key)) {
        bindings.remove(key).channel.close().awaitUninterruptibly();
      }
    }
  }

  /** The addresses actually bound, by listener name (ports resolved when 0 was asked). */
  public synchronized Map<String, List<InetSocketAddress>> boundAddresses() {
    Map<String, List<InetSocketAddress>> bound = new HashMap<>();
    for (Binding binding : bindings.values()) {
      bound
          .computeIfAbsent(binding.listenerName, name -> new ArrayList<>())
          .add((InetSocketAddress) binding.channel.localAddress());
    }
    return bound;
  }

  /** The first bound address of listener {@code name}; fails when it is not bound. */
  public InetSocketAddress address(String listenerName) {
    List<InetSocketAddress> addresses = boundAddresses().get(listenerName);
    if (addresses == null || addresses.isEmpty()) {
      throw new IllegalStateException("listener " + listenerName + " is not bound");
    }
    return addresses.get(0);
  }

  /** Gives {@code binding} the TLS context of {@code listener}; false when that does not load. */
  private static boolean retls(Binding binding, Listener listener) {
    try {
      binding.tls = ServerTlsContexts.forListener(listener).orElse(null);
    } catch (IllegalArgumentException e) {
      LOG.error("{}; not served", e.getMessage());
      return false;
    }
    binding.tlsSettings = listener.tls();
    LOG.info(
        "listener {}: TLS settings changed; new connections use {}",
        listener.name(),
        listener.tls().map(Object::toString).orElse("no TLS"));
    return true;
  }

  private boolean bind(Binding binding) {
    try {
      binding.tls = ServerTlsContexts.forListener(binding.listener).orElse(null);
    } catch (IllegalArgumentException e) {
      LOG.error("{}; not served", e.getMessage());
      return false;
    }
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(Math.min(16 * 1024, config.maxRequestHeadersBytes()))
            .setMaxHeaderSize(config.maxRequestHeadersBytes())
            .setMaxChunkSize(64 * 1024);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops)
            .channel(runtime.transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    // the table current at accept decides: HTTP, or relayed connections
                    L4ListenerRoutes l4 = runtime.snapshot().l4Listener(binding.listenerName);
                    if (l4 != null) {
                      TcpPipeline.init(channel, runtime, l4, binding.tls);
                      return;
                    }
                    RequestHeadersTimeoutHandler timeout =
                        new RequestHeadersTimeoutHandler(
                            config.requestHeadersTimeout().toNanos(),
                            config.idleTimeout().toNanos(),
                            runtime.metrics);
                    SslContext tls = binding.tls;
                    if (tls != null) {
                      channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                    }
                    channel
                        .pipeline()
                        .addLast(timeout)
                        .addLast(
                            new Http2PriorKnowledgeDetector(
                                runtime, () -> binding.listenerName, timeout))
                        .addLast(new StrictRequestDecoder(decoder))
                        .addLast(new HttpResponseEncoder())
                        .addLast(
                            new DownstreamHandler(runtime, () -> binding.listenerName, timeout));
                  }
                });
    try {
      binding.channel = bootstrap.bind(binding.requested).sync().channel();
      LOG.info("listener {} bound on {}", binding.listenerName, binding.channel.localAddress());
      return true;
    } catch (Exception e) {
      LOG.error(
          "listener {}: cannot bind {}: {}", binding.listenerName, binding.requested, e.toString());
      return false;
    }
  }

  /** Stops accepting, drains in-flight requests (bounded by the drain timeout), closes all. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      runtime.draining = true;
      bindings.values().forEach(binding -> binding.channel.close().awaitUninterruptibly());
      bindings.clear();
    }
    long deadline = System.nanoTime() + config.drainTimeout().toNanos();
    while (runtime.inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    runtime.downstreams.close().awaitUninterruptibly();
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
