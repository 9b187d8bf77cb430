package io.canarymesh.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.canarymesh.testing.kubectl.KubectlResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl trusts the generated CA, accepts the server certificate for 127.0.0.1 and
 * presents the token from the kubeconfig. The server is the JDK's HttpsServer built from {@link
 * ServerCredentials#serverKey()} and {@link ServerCredentials#serverChain()}, answering only {@code
 * GET /version}.
 */
class KubeconfigKubectlIT {
  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final String VERSION =
      "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.4\"}";
  private static final String UNAUTHORIZED =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
          + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";

  @TempDir Path tempDir;

  private ServerCredentials credentials;
  private HttpsServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    if (!Files.isExecutable(KUBECTL)) {
      fail(
          KUBECTL
              + " is missing: this test drives the real kubectl, which is part of this"
              + " machine's setup (kubectl v1.32 with the version dispatcher)");
    }
    credentials = ServerCredentials.loadOrCreate(tempDir.resolve("state"), Clock.systemUTC());
    BearerTokenAuthenticator authenticator = new BearerTokenAuthenticator(credentials.token());
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(sslContext(credentials)));
    server.createContext("/", exchange -> answer(exchange, authenticator));
    server.start();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void kubectlTrustsTheServerAndPresentsTheToken() throws Exception {
    Path kubeconfig = tempDir.resolve("kubeconfig");
    Kubeconfig.write(kubeconfig, serverUrl(), credentials.caPem(), credentials.token());

    KubectlResult result = kubectl(kubeconfig, "version", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode version = new ObjectMapper().readTree(result.stdout());
    assertThat(version.at("/serverVersion/minor").asText()).as(result.toString()).isEqualTo("32");
    assertThat(version.at("/serverVersion/gitVersion").asText()).isEqualTo("v1.32.4");
    assertThat(requests).isNotEmpty().allMatch(r -> r.endsWith(" authenticated"));
  }

  @Test
  void kubectlWithAWrongTokenIsRefused() throws Exception {
    Path kubeconfig = tempDir.resolve("kubeconfig");
    Kubeconfig.write(kubeconfig, serverUrl(), credentials.caPem(), "not-the-token");

    KubectlResult result = kubectl(kubeconfig, "version", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stderr()).contains("You must be logged in to the server");
    assertThat(requests).isNotEmpty().allMatch(r -> r.endsWith(" refused"));
  }

  @Test
  void kubectlVerifiesTheServerAgainstTheKubeconfigsCa() throws Exception {
    String otherCa =
        ServerCredentials.loadOrCreate(tempDir.resolve("other-state"), Clock.systemUTC()).caPem();
    Path kubeconfig = tempDir.resolve("kubeconfig");
    Kubeconfig.write(kubeconfig, serverUrl(), otherCa, credentials.token());

    KubectlResult result = kubectl(kubeconfig, "version", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isNotZero();
    assertThat(result.stderr()).contains("x509: certificate signed by unknown authority");
    assertThat(requests).as("no request gets past the TLS handshake").isEmpty();
  }

  private String serverUrl() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange, BearerTokenAuthenticator authenticator)
      throws IOException {
    boolean authenticated =
        authenticator.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
    String path = exchange.getRequestURI().getPath();
    requests.add(
        exchange.getRequestMethod()
            + " "
            + exchange.getRequestURI()
            + (authenticated ? " authenticated" : " refused"));
    if (!authenticated) {
      respond(exchange, 401, UNAUTHORIZED);
    } else if (exchange.getRequestMethod().equals("GET") && path.equals("/version")) {
      respond(exchange, 200, VERSION);
    } else {
      respond(
          exchange,
          404,
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
              + "\"reason\":\"NotFound\",\"code\":404}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static SSLContext sslContext(ServerCredentials credentials) throws Exception {
    char[] password = "unused".toCharArray();
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    keyStore.setKeyEntry("apiserver", credentials.serverKey(), password, credentials.serverChain());
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keyStore, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);
    return context;
  }

  private record KubectlResult(int exitCode, String stdout, String stderr, List<String> requests) {}

  /** Runs kubectl with a home and discovery cache of its own, so nothing outside leaks in. */
  private KubectlResult kubectl(Path kubeconfig, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                KUBECTL.toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                tempDir.resolve("kube-cache").toString()));
    command.addAll(List.of(args));
    Path stdout = tempDir.resolve("kubectl.out");
    Path stderr = tempDir.resolve("kubectl.err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    Map<String, String> environment = builder.environment();
    environment.remove("KUBECONFIG");
    environment.put("HOME", tempDir.toString());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("kubectl did not finish within 60 s: " + command + "; requests: " + requests);
    }
    return new KubectlResult(
        process.exitValue(),
        Files.readString(stdout),
        Files.readString(stderr),
        List.copyOf(requests));
  }
}
