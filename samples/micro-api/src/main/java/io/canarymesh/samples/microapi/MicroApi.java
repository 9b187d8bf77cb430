package io.canarymesh.samples.microapi;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The {@code micro-api} command: reads the environment, starts the server, prints one line with the
 * bound address, and on SIGTERM drains in-flight requests and exits 0.
 *
 * <p>Exit codes: 0 after a graceful stop, 1 when the address cannot be bound, 2 when an environment
 * variable is invalid.
 */
public final class MicroApi {

  static final String NAME = "micro-api";

  private MicroApi() {}

  public static void main(String[] args) {
    MicroApiConfig config = configOrExit(System.getenv());
    MicroApiServer server = startOrExit(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndExit(server), NAME + "-stop"));
    System.out.println(listeningLine(config.version(), server.address()));
  }

  /** {@code micro-api 1.3-SNAPSHOT listening on 127.0.0.1:9090}: the pod runtime waits for it. */
  static String listeningLine(String version, InetSocketAddress address) {
    return NAME + " " + version + " listening on " + hostPort(address);
  }

  /** {@code 127.0.0.1:9090}, or {@code [::1]:9090} for IPv6, ready to put in a URL. */
  public static String hostPort(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    if (address.getAddress() instanceof Inet6Address) {
      host = "[" + host + "]";
    }
    return host + ":" + address.getPort();
  }

  private static MicroApiConfig configOrExit(Map<String, String> env) {
    try {
      return MicroApiConfig.fromEnv(env);
    } catch (InvalidConfigException e) {
      System.err.println(NAME + ": " + e.getMessage());
      System.exit(2);
      throw e; // not reached
    }
  }

  private static MicroApiServer startOrExit(MicroApiConfig config) {
    try {
      return MicroApiServer.start(config);
    } catch (IOException e) {
      var address = new InetSocketAddress(config.bindAddress(), config.port());
      System.err.println(NAME + ": cannot listen on " + hostPort(address) + ": " + e.getMessage());
      System.exit(1);
      throw new IllegalStateException(e); // not reached
    }
  }

  // SIGTERM makes the JVM exit with 143 once its hooks are done; halting here after a clean drain
  // makes it 0, as a stopped pod should report. This hook is registered only after a successful
  // start, so it never masks the exit codes 1 and 2 above.
  private static void stopAndExit(MicroApiServer server) {
    System.out.println(NAME + " stopping, " + server.inFlightRequests() + " request(s) in flight");
    server.stop(MicroApiServer.DEFAULT_GRACE);
    System.out.println(NAME + " stopped");
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
