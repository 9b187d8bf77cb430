package io.canarymesh.samples.microapi;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * A running micro-api: the JDK's HTTP server with one virtual thread per request (a request that
 * waits out {@code EXTRA_LATENCY_MS} costs no platform thread).
 *
 * <pre>{@code
 * try (var server = MicroApiServer.start(MicroApiConfig.defaults().withPort(0))) {
 *   URI uri = URI.create("http://" + MicroApi.hostPort(server.address()) + "/test/test");
 *   ...
 * }
 * }</pre>
 */
public final class MicroApiServer implements AutoCloseable {

  /** How long {@link #close} lets in-flight requests finish. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  private final HttpServer server;
  private final ExecutorService executor;
  private final MicroApiHandler handler;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private MicroApiServer(HttpServer server, ExecutorService executor, MicroApiHandler handler) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
  }

  /**
   * Binds {@code config.bindAddress():config.port()} and starts answering.
   *
   * @throws IOException when the address cannot be bound (e.g. the port is taken)
   */
  public static MicroApiServer start(MicroApiConfig config) throws IOException {
    return start(config, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * As {@link #start(MicroApiConfig)}, with the randomness behind {@code ERROR_RATE} supplied by
   * the caller, so that tests know exactly which requests fail.
   *
   * @param random values in [0, 1); a {@code /test/test} request fails when its value is below the
   *     error rate
   */
  public static MicroApiServer start(MicroApiConfig config, DoubleSupplier random)
      throws IOException {
    requireNonNull(config, "config");
    requireNonNull(random, "random");
    var handler = new MicroApiHandler(config, random);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 0);
    server.createContext("/", handler);
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.start();
    return new MicroApiServer(server, executor, handler);
  }

  /** The address actually bound, with the real port when the config asked for port 0. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Requests being answered right now. */
  public int inFlightRequests() {
    return handler.inFlight();
  }

  /**
   * Stops gracefully: closes the listening socket at once (new connections are refused), lets
   * in-flight requests finish for up to {@code grace}, then closes every connection and interrupts
   * what is still running. Returns as soon as nothing is in flight; later calls do nothing.
   */
  public void stop(Duration grace) {
    requireNonNull(grace, "grace");
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    Thread closer = Thread.ofPlatform().name("micro-api-stop").start(() -> closeServer(grace));
    try {
      handler.awaitIdle(grace);
      // The JDK's stop() may wait out its whole delay even with nothing in flight: a connection
      // that the client closes, or that holds half a request, at that moment counts as pending,
      // and only a finished response re-checks. Our own count is exact, so we cut the wait short.
      closer.interrupt();
      closer.join();
      executor.shutdownNow();
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@link #stop} with {@link #DEFAULT_GRACE}. */
  @Override
  public void close() {
    stop(DEFAULT_GRACE);
  }

  // Closes the listener first, then waits for in-flight exchanges until interrupted or the grace
  // (rounded up to the JDK's whole seconds: 1500 ms -> 2 s) is over, then closes connections.
  private void closeServer(Duration grace) {
    server.stop(wholeSeconds(grace));
  }

  private static int wholeSeconds(Duration grace) {
    long millis = Math.max(0, grace.toMillis());
    return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
  }
}
