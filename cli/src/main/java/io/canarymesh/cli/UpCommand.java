package io.canarymesh.cli;

import io.canarymesh.cli.platform.Platform;
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

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    Platform platform;
    try {
      platform =
          Platform.start(
              stateDir.toAbsolutePath(),
              new InetSocketAddress("127.0.0.1", apiPort),
              Clock.systemUTC());
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("canary up: cannot start: " + rootMessage(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
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
