package io.canarymesh.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP backend on 127.0.0.1:0: answers {@code name|METHOD|uri|bodyLength} with header {@code
 * x-backend: name}; {@code ?delay=MS} makes it slow; {@code /echo-headers} returns the request
 * headers it saw; {@code /status/N} answers N. Counts requests and concurrency.
 */
final class Backend implements AutoCloseable {
  final String name;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger active = new AtomicInteger();
  final AtomicInteger maxActive = new AtomicInteger();
  final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

  /** {@code /stream} sends "first", waits for this, then sends "second". */
  final java.util.concurrent.CountDownLatch streamGate = new java.util.concurrent.CountDownLatch(1);

  /** This many next requests wait 5 s before answering. */
  final AtomicInteger slowNext = new AtomicInteger();

  /** This many next requests are answered 503. */
  final AtomicInteger failNext = new AtomicInteger();

  /** When set, every request is answered 500. */
  volatile boolean failing;

  Backend(String name) throws IOException {
    this(name, "127.0.0.1");
  }

  /** A backend on {@code address} (any 127.0.0.0/8 address on Linux), port 0. */
  Backend(String name, String address) throws IOException {
    this.name = name;
    server = HttpServer.create(new InetSocketAddress(address, 0), 200);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
    try (exchange) {
      lastHeaders.clear();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> lastHeaders.put(k.toLowerCase(), String.join(",", v)));
      byte[] requestBody;
      try (InputStream in = exchange.getRequestBody()) {
        requestBody = in.readAllBytes();
      }
      URI uri = exchange.getRequestURI();
      String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
      for (String part : query.split("&")) {
        if (part.startsWith("delay=")) {
          Thread.sleep(Long.parseLong(part.substring(6)));
        }
      }
      if (slowNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        Thread.sleep(5000);
      }
      int status = 200;
      String body = name + "|" + exchange.getRequestMethod() + "|" + uri + "|" + requestBody.length;
      if (failing) {
        status = 500;
      }
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        status = 503;
      }
      if (uri.getPath().startsWith("/status/")) {
        status = Integer.parseInt(uri.getPath().substring(8));
      }
      if (uri.getPath().startsWith("/bytes/")) {
        body = "x".repeat(Integer.parseInt(uri.getPath().substring(7)));
      }
      if (uri.getPath().equals("/stream")) {
        exchange.getResponseHeaders().set("x-backend", name);
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("first\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        streamGate.await(20, java.util.concurrent.TimeUnit.SECONDS);
        out.write("second\n".getBytes(StandardCharsets.UTF_8));
        out.close();
        return;
      }
      if (uri.getPath().equals("/echo-headers")) {
        body = exchange.getRequestHeaders().toString();
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("x-backend", name);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      active.decrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
