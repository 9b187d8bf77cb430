package io.canarymesh.proxy;

import io.canarymesh.mesh.model.RouteTable;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** A proxy on loopback whose gateway listeners bind 127.0.0.1:0, with an HTTP client. */
final class ProxyFixture implements AutoCloseable {
  static final String GATEWAY_LISTENER = "0.0.0.0_8080";

  static {
    LeakCheck.install();
  }

  final PrometheusRegistry registry = new PrometheusRegistry();
  final MeshProxy proxy;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  ProxyFixture(RouteTable table) {
    this(table, builder -> builder);
  }

  ProxyFixture(RouteTable table, UnaryOperator<ProxyConfig.Builder> settings) {
    ProxyConfig config =
        settings
            .apply(
                ProxyConfig.builder(
                        listener ->
                            listener.isMesh()
                                ? List.of()
                                : List.of(new InetSocketAddress("127.0.0.1", 0)))
                    .eventLoops(2)
                    .registry(registry)
                    .accessLog(false)
                    .drainTimeout(Duration.ofSeconds(5)))
            .build();
    proxy = MeshProxy.start(config);
    proxy.update(table);
  }

  InetSocketAddress address() {
    return proxy.address(GATEWAY_LISTENER);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + address().getPort() + path);
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The metrics text once it contains every one of {@code expected} (a request's metrics are
   * recorded just after its response is written, so a client can see the response first).
   */
  String metricsContaining(String... expected) {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(this::metrics, text -> java.util.Arrays.stream(expected).allMatch(text::contains));
  }

  String metrics() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    client.close();
    proxy.close();
  }
}
