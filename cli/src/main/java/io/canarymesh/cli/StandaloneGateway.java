package io.canarymesh.cli;

import io.canarymesh.mesh.compiler.Diagnostic;
import io.canarymesh.mesh.compiler.DirectorySource;
import io.canarymesh.mesh.compiler.IngressGateway;
import io.canarymesh.mesh.model.Listener;
import io.canarymesh.proxy.MeshProxy;
import io.canarymesh.proxy.ProxyConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone gateway's composition: a directory source feeding a {@link MeshProxy}, and the
 * admin server. A rejected configuration keeps the table being served.
 */
final class StandaloneGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneGateway.class);

  final MeshProxy proxy;
  final GatewayAdminServer admin;
  private final DirectorySource source;
  private volatile boolean loaded;
  private volatile DirectorySource.Outcome lastOutcome;

  private StandaloneGateway(
      Path config, InetSocketAddress adminAddress, ProxyConfig.Builder settings)
      throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    proxy = MeshProxy.start(settings.registry(registry).build());
    DirectorySource started = null;
    try {
      started =
          DirectorySource.start(
              config.toAbsolutePath(),
              IngressGateway.standalone(),
              this::apply,
              Duration.ofMillis(50));
      admin = new GatewayAdminServer(adminAddress, registry, proxy::table, () -> loaded);
    } catch (IOException | RuntimeException e) {
      if (started != null) {
        started.close();
      }
      proxy.close();
      throw e;
    }
    source = started;
  }

  /**
   * Starts serving {@code config}; {@code binding} says where listeners go (the command binds
   * gateway listeners on 127.0.0.1 at their port).
   */
  static StandaloneGateway start(
      Path config,
      InetSocketAddress adminAddress,
      Function<Listener, List<InetSocketAddress>> binding,
      int eventLoops,
      boolean accessLog)
      throws IOException {
    ProxyConfig.Builder settings = ProxyConfig.builder(binding).accessLog(accessLog);
    if (eventLoops > 0) {
      settings.eventLoops(eventLoops);
    }
    return new StandaloneGateway(config, adminAddress, settings);
  }

  boolean loaded() {
    return loaded;
  }

  DirectorySource.Outcome lastOutcome() {
    return lastOutcome;
  }

  private void apply(DirectorySource.Outcome outcome) {
    switch (outcome) {
      case DirectorySource.Loaded ok -> {
        ok.diagnostics().forEach(StandaloneGateway::log);
        proxy.update(ok.table());
        loaded = true;
        LOG.info(
            "configuration version {} applied: {} listeners, {} clusters",
            ok.table().version(),
            ok.table().listeners().size(),
            ok.table().clusters().size());
      }
      case DirectorySource.Rejected bad -> {
        bad.errors().forEach(error -> LOG.error("{}", error));
        LOG.error("configuration rejected; still serving version {}", proxy.table().version());
      }
    }
    lastOutcome = outcome;
  }

  private static void log(Diagnostic diagnostic) {
    switch (diagnostic.severity()) {
      case ERROR -> LOG.error("{}", diagnostic);
      case WARNING -> LOG.warn("{}", diagnostic);
      case INFO -> LOG.info("{}", diagnostic);
    }
  }

  @Override
  public void close() {
    source.close();
    admin.close();
    proxy.close();
  }
}
