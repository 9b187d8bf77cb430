package io.canarymesh.cli;

import io.canarymesh.cli.platform.Platform;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code canary up}: runs the platform in the foreground until SIGTERM or Ctrl-C: the durable store
 * and the Kubernetes API server kubectl drives, the controllers, the pod runtime and the proxies.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run the platform in the foreground: the Kubernetes API server (kubectl drives it through",
      "the kubeconfig written to the state directory), controllers, pods as local processes, and",
      "the mesh's ingress gateway and service proxies.",
      "SIGTERM or Ctrl-C stops it; state survives and a later `up` on the same directory resumes it."
    })
final class UpCommand implements Callable<Integer> {
  @Option(
      names = "--state-dir",
      defaultValue = ".canary",
      description = "Where the platform keeps its state (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--api-port",
      defaultValue = "6443",
      description = "API server port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int apiPort;

  @Option(
      names = "--admin",
      defaultValue = "127.0.0.1:15000",
      description =
          "Admin address for the proxies' /metrics, /config_dump and /ready"
              + " (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
  String admin;

  @Option(
      names = "--access-log",
      description = "Log one line per proxied request (Envoy's format).")
  boolean accessLog;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    InetSocketAddress adminAddress;
    try {
      adminAddress = GatewayCommand.parseAddress(admin);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("canary up: --admin: " + e.getMessage());
      return 2;
    }
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      // the sampled leak detector costs a stack trace per sampled buffer; tests run it paranoid
      io.netty.util.ResourceLeakDetector.setLevel(
          io.netty.util.ResourceLeakDetector.Level.DISABLED);
    }
    Platform platform;
    GatewayAdminServer adminServer;
    try {
      platform =
          Platform.start(
              new Platform.Options(
                  stateDir.toAbsolutePath(),
                  new InetSocketAddress("127.0.0.1", apiPort),
                  Clock.systemUTC(),
                  accessLog));
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("canary up: cannot start: " + rootMessage(e));
      return 1;
    }
    try {
      adminServer =
          new GatewayAdminServer(
              adminAddress, platform.metrics(), platform::routeTable, () -> true);
    } catch (IOException e) {
      platform.close();
      spec.commandLine()
          .getErr()
          .println("canary up: cannot serve the admin port " + admin + ": " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  adminServer.close();
                  platform.close();
                  stopped.countDown();
                  // a stop on SIGTERM is a normal end: exit 0, not the JVM's 143
                  Runtime.getRuntime().halt(0);
                },
                "canary-shutdown"));
    Duration startup = Duration.ofNanos(System.nanoTime() - started);
    out.println("API server: https://127.0.0.1:" + platform.apiAddress().getPort());
    out.println("export KUBECONFIG=" + platform.kubeconfig());
    out.println(
        "Ingress gateway: http://127.0.0.1:"
            + platform.ingressAddress().getPort()
            + " (port 80 of istio-system/istio-ingressgateway)");
    out.println(
        "Admin: http://"
            + adminServer.address().getHostString()
            + ":"
            + adminServer.address().getPort()
            + " (/metrics, /config_dump, /ready)");
    out.printf("ready in %d ms%n", startup.toMillis());
    out.flush();
    stopped.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause == e
        ? String.valueOf(e.getMessage())
        : e.getMessage() + " (" + cause.getMessage() + ")";
  }
}
