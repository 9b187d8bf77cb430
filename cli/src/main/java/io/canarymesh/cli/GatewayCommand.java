package io.canarymesh.cli;

import io.canarymesh.proxy.ProxyConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
    StandaloneGateway gateway;
    try {
      gateway =
          StandaloneGateway.start(
              config, adminAddress, ProxyConfig.gatewaysOnLoopback(), eventLoops, accessLog);
    } catch (Exception e) {
      err.println("canary gateway: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gateway.close();
                  stopped.countDown();
                  Runtime.getRuntime().halt(0);
                },
                "canary-gateway-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("admin: http://" + hostPort(gateway.admin.address()));
    gateway
        .proxy
        .boundAddresses()
        .forEach((name, addresses) -> out.println("listener " + name + " on " + addresses));
    out.println(gateway.loaded() ? "ready" : "waiting for a valid configuration in " + config);
    out.flush();
    stopped.await();
    return 0;
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
