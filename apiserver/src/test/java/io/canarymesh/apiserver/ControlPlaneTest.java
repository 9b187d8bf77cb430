package io.canarymesh.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane over real HTTPS, as a client holding only the kubeconfig sees it. */
@org.junit.jupiter.api.Timeout(60)
class ControlPlaneTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path state;
  ControlPlane controlPlane;
  HttpClient http;
  String server;
  String token;

  @BeforeEach
  void start() throws Exception {
    controlPlane =
        ControlPlane.start(state, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
    connect();
  }

  @AfterEach
  void stop() {
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  /** Reads the kubeconfig as kubectl would: server, CA data, token. */
  void connect() throws Exception {
    JsonNode kubeconfig = new YAMLMapper().readTree(controlPlane.kubeconfig().toFile());
    assertThat(kubeconfig.path("current-context").asText()).isEqualTo("canary-mesh");
    assertThat(kubeconfig.at("/contexts/0/context/namespace").asText()).isEqualTo("default");
    server = kubeconfig.at("/clusters/0/cluster/server").asText();
    token = kubeconfig.at("/users/0/user/token").asText();
    byte[] ca =
        Base64.getDecoder()
            .decode(kubeconfig.at("/clusters/0/cluster/certificate-authority-data").asText());
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry(
        "ca",
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(ca)));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, factory.getTrustManagers(), null);
    http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
  }

  HttpResponse<String> send(
      String method, String path, String contentType, String body, boolean authorized)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (authorized) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersVersionAndHealthAndRefusesRequestsWithoutTheToken() throws Exception {
    assertThat(
            JSON.readTree(send("GET", "/version", null, null, false).body()).path("minor").asText())
        .isEqualTo("32");
    assertThat(send("GET", "/readyz", null, null, false).body()).isEqualTo("ok");

    HttpResponse<String> refused =
        send("GET", "/api/v1/namespaces/default/pods", null, null, false);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(refused.body()).path("reason").asText()).isEqualTo("Unauthorized");
  }

  @Test
  void theBuiltInNamespacesExist() throws Exception {
    JsonNode list = JSON.readTree(send("GET", "/api/v1/namespaces", null, null, true).body());

    assertThat(list.findValuesAsText("name")).contains("default", "kube-system", "istio-system");
  }

  @Test
  void badRequestsGetStatusBodiesAndChangeNothing() throws Exception {
    String path = "/api/v1/namespaces/default/configmaps";
    HttpResponse<String> malformed = send("POST", path, "application/json", "{\"kind\":", true);
    HttpResponse<String> tooLarge =
        send(
            "POST",
            path,
            "application/json",
            "{\"data\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}",
            true);
    HttpResponse<String> missing = send("GET", path + "/nope", null, null, true);
    HttpResponse<String> badPatchType =
        send("PATCH", "/api/v1/namespaces/default", "text/plain", "{}", true);

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).path("kind").asText()).isEqualTo("Status");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).path("message").asText())
        .isEqualTo("configmaps \"nope\" not found");
    assertThat(badPatchType.statusCode()).isEqualTo(415);
    assertThat(JSON.readTree(send("GET", path, null, null, true).body()).path("items")).isEmpty();
  }

  @Test
  void aRestartOnTheSameStateKeepsObjectsVersionsAndCredentials() throws Exception {
    String created =
        send(
                "POST",
                "/api/v1/namespaces/default/configmaps",
                "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"kept\"},\"data\":{\"k\":\"v\"}}",
                true)
            .body();
    String version = JSON.readTree(created).at("/metadata/resourceVersion").asText();

    controlPlane.close();
    controlPlane =
        ControlPlane.start(state, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
    connect();

    JsonNode kept =
        JSON.readTree(
            send("GET", "/api/v1/namespaces/default/configmaps/kept", null, null, true).body());
    assertThat(kept.at("/metadata/resourceVersion").asText()).isEqualTo(version);
    assertThat(kept.at("/data/k").asText()).isEqualTo("v");
  }
}
