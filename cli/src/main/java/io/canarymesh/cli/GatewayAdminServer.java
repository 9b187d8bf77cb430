package io.canarymesh.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.canarymesh.mesh.model.RouteTable;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The standalone gateway's admin port, after Envoy's: {@code /metrics} (Prometheus text), {@code
 * /config_dump} (the route table served, as JSON) and {@code /ready} (200 once a table loaded).
 */
final class GatewayAdminServer implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final HttpServer server;

  GatewayAdminServer(
      InetSocketAddress address,
      PrometheusRegistry registry,
      Supplier<RouteTable> table,
      BooleanSupplier ready)
      throws IOException {
    server = HttpServer.create(address, 16);
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "canary-admin");
              thread.setDaemon(true);
              return thread;
            }));
    server.createContext(
        "/metrics",
        exchange -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          PrometheusTextFormatWriter.create().write(out, registry.scrape());
          respond(exchange, 200, PrometheusTextFormatWriter.CONTENT_TYPE, out.toByteArray());
        });
    server.createContext(
        "/config_dump",
        exchange -> respond(exchange, 200, "application/json", configDump(table.get())));
    server.createContext(
        "/ready",
        exchange -> {
          boolean ok = ready.getAsBoolean();
          respond(
              exchange,
              ok ? 200 : 503,
              "text/plain",
              (ok ? "LIVE\n" : "no configuration loaded\n").getBytes(StandardCharsets.UTF_8));
        });
    server.start();
  }

  /**
   * The table as {@code /config_dump} serves it. A TLS credential shows as its Secret and
   * certificate fingerprint: {@code TlsCredential}'s only getters; the private key is never
   * serialized.
   */
  static byte[] configDump(RouteTable table) throws IOException {
    return JSON.writeValueAsBytes(table);
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("content-type", type);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
