package io.canarymesh.samples.microapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;

/**
 * Answers every request of the service: routes by exact path, then by method, then applies the
 * knobs to {@code /test/test}. Probes on {@code /healthz} never see the knobs, so a slow or failing
 * canary stays Ready and keeps receiving traffic, which is what a canary test wants to observe.
 */
final class MicroApiHandler implements HttpHandler {

  static final String TEST_PATH = "/test/test";
  static final String HEALTH_PATH = "/healthz";

  private final MicroApiConfig config;
  private final DoubleSupplier random;
  private final Lock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int inFlight; // guarded by lock

  /**
   * @param random draws uniformly from [0, 1); a request fails when the draw is below the error
   *     rate
   */
  MicroApiHandler(MicroApiConfig config, DoubleSupplier random) {
    this.config = config;
    this.random = random;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    changeInFlight(+1);
    try (exchange) {
      Reply reply = reply(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
      send(exchange, reply);
    } finally {
      changeInFlight(-1);
    }
  }

  /**
   * Requests inside {@link #handle}, including those waiting out {@code EXTRA_LATENCY_MS}. A
   * request leaves only after its response was written in full.
   */
  int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until no request is in flight; false if {@code timeout} passed first. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (inFlight > 0) {
        if (left <= 0) {
          return false;
        }
        left = idle.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void changeInFlight(int delta) {
    lock.lock();
    try {
      inFlight += delta;
      if (inFlight == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private Reply reply(String method, String path) {
    return switch (path) {
      case TEST_PATH -> method.equals("GET") ? testInterface() : Reply.methodNotAllowed(path);
      case HEALTH_PATH -> method.equals("GET") ? Reply.healthy() : Reply.methodNotAllowed(path);
      default -> Reply.notFound(path);
    };
  }

  // The draw comes first so that the latency delays failures and successes alike.
  private Reply testInterface() {
    boolean fail = config.errorRate() > 0 && random.getAsDouble() < config.errorRate();
    if (!config.extraLatency().isZero()) {
      try {
        Thread.sleep(config.extraLatency());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Reply.shuttingDown();
      }
    }
    return fail ? Reply.injectedError() : Reply.testInterface(config.version());
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] body = reply.bodyBytes();
    exchange.getResponseHeaders().set("Content-Type", reply.contentType());
    reply.headers().forEach(exchange.getResponseHeaders()::set);
    // A HEAD response carries no body; -1 tells the server so instead of a Content-Length.
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(reply.status(), head ? -1 : body.length);
    if (!head) {
      exchange.getResponseBody().write(body);
    }
  }
}
