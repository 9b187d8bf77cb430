package io.canarymesh.cli;

import io.canarymesh.mesh.compiler.Diagnostic;
import io.canarymesh.mesh.compiler.DirectorySource;
import io.canarymesh.mesh.compiler.IngressGateway;
import io.canarymesh.proxy.MeshProxy;
import io.canarymesh.proxy.ProxyConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code canary gateway}: the data plane alone, as the ingress gateway ({@code istio:
 * ingressgateway}), configured from a directory of Istio YAML and reloaded when it changes.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description =
        "Run the ingress gateway alone from a directory of Istio YAML (Gateway, VirtualService,"
            + " DestinationRule, ServiceEntry, WorkloadEntry), serving each Gateway server port on"
            + " 127.0.0.1 and reloading when a file changes (a bad file keeps the last good"
            + " config).")
final class GatewayCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayCommand.class);

  @Option(names = "--config", required = true, description = "Directory of Istio manifests.")
  Path config;

  @Option(
      names = "--admin",
      defaultValue = "127.0.0.1:15000",
      description = "Admin address for /metrics, /config_dump, /ready (default: ${DEFAULT-VALUE}).")
  String admin;

  @Option(
      names = "--event-loops",
      defaultValue = "0",
      description = "Event-loop threads; 0 = one per core (default).")
  int eventLoops;

  @Option(names = "--access-log", description = "Log one line per request (Envoy's format).")
  boolean accessLog;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  private volatile boolean loaded;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    InetSocketAddress adminAddress;
    try {
      adminAddress = parseAddress(admin);
    } catch (IllegalArgumentException e) {
      err.println("canary gateway: --admin: " + e.getMessage());
      return 2;
    }
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      // the sampled leak detector costs a stack trace per sampled buffer; tests run it paranoid
      io.netty.util.ResourceLeakDetector.setLevel(
          io.netty.util.ResourceLeakDetector.Level.DISABLED);
    }
    PrometheusRegistry registry = new PrometheusRegistry();
    ProxyConfig.Builder settings =
        ProxyConfig.builder(ProxyConfig.gatewaysOnLoopback())
            .registry(registry)
            .accessLog(accessLog);
    if (eventLoops > 0) {
      settings.eventLoops(eventLoops);
    }
    MeshProxy proxy = MeshProxy.start(settings.build());
    DirectorySource source;
    GatewayAdminServer adminServer;
    try {
      source =
          DirectorySource.start(
              config.toAbsolutePath(),
              IngressGateway.standalone(),
              outcome -> apply(outcome, proxy),
              Duration.ofMillis(50));
      adminServer = new GatewayAdminServer(adminAddress, registry, proxy::table, () -> loaded);
    } catch (Exception e) {
      proxy.close();
      err.println("canary gateway: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  source.close();
                  adminServer.close();
                  proxy.close();
                  stopped.countDown();
                  Runtime.getRuntime().halt(0);
                },
                "canary-gateway-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("admin: http://" + hostPort(adminServer.address()));
    proxy
        .boundAddresses()
        .forEach((name, addresses) -> out.println("listener " + name + " on " + addresses));
    out.println(loaded ? "ready" : "waiting for a valid configuration in " + config);
    out.flush();
    stopped.await();
    return 0;
  }

  private void apply(DirectorySource.Outcome outcome, MeshProxy proxy) {
    switch (outcome) {
      case DirectorySource.Loaded ok -> {
        ok.diagnostics().forEach(d -> log(d));
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
  }

  private static void log(Diagnostic diagnostic) {
    switch (diagnostic.severity()) {
      case ERROR -> LOG.error("{}", diagnostic);
      case WARNING -> LOG.warn("{}", diagnostic);
      case INFO -> LOG.info("{}", diagnostic);
    }
  }

  static InetSocketAddress parseAddress(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected HOST:PORT, got \"" + value + "\"");
    }
    try {
      return new InetSocketAddress(
          value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected HOST:PORT, got \"" + value + "\"");
    }
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }
}
