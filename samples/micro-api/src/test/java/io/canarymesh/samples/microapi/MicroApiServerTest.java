package io.canarymesh.samples.microapi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The service on a real socket: loopback, port 0. */
class MicroApiServerTest {

  private static final String V1_BODY =
      "{\"code\":0,\"data\":\"Independent test interface return->OK!\",\"message\":\"success\"}";
  private static final String V3_BODY =
      "{\"code\":0,\"data\":\"V3|Independent test interface return->OK!\",\"message\":\"success\"}";
  private static final String ERROR_BODY =
      "{\"code\":500,\"data\":null,\"message\":\"injected error\"}";

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<MicroApiServer> servers = new ArrayList<>();

  @AfterEach
  void stopServers() {
    servers.forEach(MicroApiServer::close);
    client.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"1.0-SNAPSHOT, false", "1.1-SNAPSHOT, false", "1.3-SNAPSHOT, true", "1.3, true"})
  void testInterfaceAnswersTheArticlesBodyWithV3MarkerFor13(String version, boolean v3)
      throws Exception {
    MicroApiServer server = start(config().withVersion(version));

    HttpResponse<byte[]> response = get(server, "/test/test");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo((v3 ? V3_BODY : V1_BODY).getBytes(UTF_8));
  }

  @Test
  void defaultVersionAnswersWithoutMarker() throws Exception {
    MicroApiServer server = start(config());

    assertThat(new String(get(server, "/test/test").body(), UTF_8)).isEqualTo(V1_BODY);
  }

  @Test
  void queryStringDoesNotChangeTheRoute() throws Exception {
    MicroApiServer server = start(config());

    assertThat(get(server, "/test/test?x=1").statusCode()).isEqualTo(200);
  }

  @Test
  void healthzAnswersOk() throws Exception {
    MicroApiServer server = start(config().withKnobs(1.0, Duration.ZERO));

    HttpResponse<byte[]> response = get(server, "/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(new String(response.body(), UTF_8)).isEqualTo("ok");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/test", "/test/test/", "/test/testx", "/healthz/x", "/a%22b"})
  void unknownPathsAnswer404WithJsonBody(String path) throws Exception {
    MicroApiServer server = start(config());

    HttpResponse<byte[]> response = get(server, path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new String(response.body(), UTF_8))
        .isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"path\":\"" + path + "\"}");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "POST, /test/test",
    "PUT, /test/test",
    "DELETE, /test/test",
    "PATCH, /healthz",
    "POST, /healthz"
  })
  void otherMethodsOnKnownPathsAnswer405(String method, String path) throws Exception {
    MicroApiServer server = start(config());

    HttpResponse<byte[]> response = send(server, method, path);

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    assertThat(new String(response.body(), UTF_8))
        .isEqualTo("{\"status\":405,\"error\":\"Method Not Allowed\",\"path\":\"" + path + "\"}");
  }

  @Test
  void headIsNotAllowedEitherAndCarriesNoBody() throws Exception {
    MicroApiServer server = start(config());

    HttpResponse<byte[]> response = send(server, "HEAD", "/test/test");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void oneConnectionServesSeveralRequests() throws Exception {
    MicroApiServer server = start(config());
    InetSocketAddress address = server.address();

    try (var socket = new Socket(address.getAddress(), address.getPort())) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (int i = 0; i < 3; i++) {
        socket
            .getOutputStream()
            .write("GET /test/test HTTP/1.1\r\nHost: micro-api\r\n\r\n".getBytes(UTF_8));
        assertThat(readResponse(in)).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\n" + V1_BODY);
      }
    }
  }

  @Test
  void portZeroBindsAFreePortOnTheConfiguredAddress() throws Exception {
    MicroApiServer server = start(config());

    assertThat(server.address().getPort()).isPositive();
    assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void errorRateOneFailsEveryTestRequest() throws Exception {
    MicroApiServer server = start(config().withKnobs(1.0, Duration.ZERO));

    for (int i = 0; i < 20; i++) {
      HttpResponse<byte[]> response = get(server, "/test/test");
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(new String(response.body(), UTF_8)).isEqualTo(ERROR_BODY);
    }
  }

  @Test
  void errorRateZeroNeverFailsEvenWhenTheDrawIsZero() throws Exception {
    MicroApiServer server = start(config(), () -> 0.0);

    for (int i = 0; i < 20; i++) {
      assertThat(get(server, "/test/test").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void errorRateFailsTheRequestsWhoseDrawIsBelowIt() throws Exception {
    // Draws 0.05, 0.15, ..., 0.95 in turn: with a rate of 0.3 exactly the first three fail.
    var draws = new AtomicInteger();
    DoubleSupplier random = () -> (draws.getAndIncrement() % 10) / 10.0 + 0.05;
    MicroApiServer server = start(config().withKnobs(0.3, Duration.ZERO), random);

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      statuses.add(get(server, "/test/test").statusCode());
    }

    assertThat(statuses).containsExactly(500, 500, 500, 200, 200, 200, 200, 200, 200, 200);
  }

  @Test
  void errorRateLeavesHealthzAlone() throws Exception {
    MicroApiServer server = start(config().withKnobs(1.0, Duration.ZERO));

    assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void extraLatencyDelaysTheAnswer() throws Exception {
    Duration latency = Duration.ofMillis(300);
    MicroApiServer server = start(config().withKnobs(0, latency));

    long started = System.nanoTime();
    HttpResponse<byte[]> response = get(server, "/test/test");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(took).isGreaterThanOrEqualTo(latency);
  }

  @Test
  void stopLetsAnInFlightRequestFinishAndRefusesNewConnections() throws Exception {
    MicroApiServer server = start(config().withKnobs(0, Duration.ofSeconds(2)));
    InetSocketAddress address = server.address();
    CompletableFuture<HttpResponse<byte[]>> slow =
        client.sendAsync(request(server, "GET", "/test/test"), BodyHandlers.ofByteArray());
    await().until(() -> server.inFlightRequests() == 1);

    CompletableFuture<Void> stopping =
        CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(10)));

    await().atMost(Duration.ofSeconds(1)).until(() -> refusesConnections(address));
    assertThat(slow).isNotDone();
    HttpResponse<byte[]> response = slow.get();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), UTF_8)).isEqualTo(V1_BODY);
    stopping.get();
    assertThat(server.inFlightRequests()).isZero();
    assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void stopDoesNotWaitForAConnectionHoldingHalfARequest() throws Exception {
    // The JDK server alone would wait out the whole grace for this connection.
    MicroApiServer server = start(config());
    InetSocketAddress address = server.address();
    try (var socket = new Socket(address.getAddress(), address.getPort())) {
      socket.getOutputStream().write("GET /test/test HTTP/1.1\r\nHost: m".getBytes(UTF_8));
      socket.getOutputStream().flush();

      CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(60)))
          .get(30, TimeUnit.SECONDS);

      assertThat(closedByServer(socket)).isTrue();
    }
  }

  /**
   * Whether the server closed the connection: an orderly end of stream, or a reset — the kernel
   * resets instead when the server closes with the half request still unread in its buffer.
   */
  private static boolean closedByServer(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() == -1;
    } catch (java.net.SocketException e) {
      return e.getMessage() != null && e.getMessage().contains("reset");
    }
  }

  @Test
  void stopWithNothingInFlightReturnsAndIsIdempotent() {
    MicroApiServer server = start(config());
    InetSocketAddress address = server.address();

    server.stop(Duration.ofSeconds(10));
    server.stop(Duration.ofSeconds(10));

    assertThat(refusesConnections(address)).isTrue();
  }

  private static MicroApiConfig config() {
    return MicroApiConfig.defaults().withPort(0);
  }

  private MicroApiServer start(MicroApiConfig config) {
    return start(config, () -> 0.5);
  }

  private MicroApiServer start(MicroApiConfig config, DoubleSupplier random) {
    try {
      MicroApiServer server = MicroApiServer.start(config, random);
      servers.add(server);
      return server;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<byte[]> get(MicroApiServer server, String path) throws Exception {
    return send(server, "GET", path);
  }

  private HttpResponse<byte[]> send(MicroApiServer server, String method, String path)
      throws Exception {
    return client.send(request(server, method, path), BodyHandlers.ofByteArray());
  }

  private static HttpRequest request(MicroApiServer server, String method, String path) {
    URI uri = URI.create("http://" + MicroApi.hostPort(server.address()) + path);
    return HttpRequest.newBuilder(uri)
        .method(method, BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  private static boolean refusesConnections(InetSocketAddress address) {
    try {
      new Socket(address.getAddress(), address.getPort()).close();
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Reads one response with a Content-Length body: the head and the body, as text. */
  private static String readResponse(InputStream in) throws IOException {
    var head = new ByteArrayOutputStream();
    while (!head.toString(UTF_8).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + head.toString(UTF_8));
      }
      head.write(b);
    }
    String text = head.toString(UTF_8);
    int length =
        text.lines()
            .filter(line -> line.toLowerCase().startsWith("content-length:"))
            .map(line -> Integer.parseInt(line.substring("content-length:".length()).trim()))
            .findFirst()
            .orElseThrow();
    return text + new String(in.readNBytes(length), UTF_8);
  }
}
