package io.canarymesh.apiserver.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubeconfigTest {
  private static final String CA_PEM =
      "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
  private static final String SERVER = "https://127.0.0.1:6443";

  @TempDir Path dir;

  private Map<String, Object> readBack(Path file) throws IOException {
    return new YAMLMapper().readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
  }

  @Test
  void writesTheConfigKubectlNeeds() throws IOException {
    Path file = dir.resolve("kubeconfig");

    Kubeconfig.write(file, SERVER, CA_PEM, "tok3n");

    assertThat(readBack(file))
        .isEqualTo(
            Map.of(
                "apiVersion", "v1",
                "kind", "Config",
                "clusters",
                    List.of(
                        Map.of(
                            "name",
                            "canary-mesh",
                            "cluster",
                            Map.of(
                                "server",
                                SERVER,
                                "certificate-authority-data",
                                Base64.getEncoder()
                                    .encodeToString(CA_PEM.getBytes(StandardCharsets.US_ASCII))))),
                "users",
                    List.of(Map.of("name", "canary-mesh-admin", "user", Map.of("token", "tok3n"))),
                "contexts",
                    List.of(
                        Map.of(
                            "name",
                            "canary-mesh",
                            "context",
                            Map.of(
                                "cluster", "canary-mesh",
                                "user", "canary-mesh-admin",
                                "namespace", "default"))),
                "current-context", "canary-mesh",
                "preferences", Map.of()));
  }

  @Test
  void isPlainBlockYamlLikeKubectlWrites() {
    assertThat(Kubeconfig.render(SERVER, CA_PEM, "tok3n"))
        .isEqualTo(
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: canary-mesh
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: %s
            users:
            - name: canary-mesh-admin
              user:
                token: tok3n
            contexts:
            - name: canary-mesh
              context:
                cluster: canary-mesh
                user: canary-mesh-admin
                namespace: default
            current-context: canary-mesh
            preferences: {}
            """
                .formatted(
                    Base64.getEncoder()
                        .encodeToString(CA_PEM.getBytes(StandardCharsets.US_ASCII))));
  }

  /** Tokens are random: ones YAML would read as a number, a flag or a sequence stay strings. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "12345", "0x1F", "1e3", "0o17", ".inf", "-abc", "true", "on", "Yes", "null", "~", "a: b",
        "#x", "'q'", "\"dq\"", "[x]", "{x}", "&a", "*a", "!t", "%p", "@a", "`b", "|x", ">x"
      })
  void anyTokenReadsBackAsTheSameString(String token) throws IOException {
    Path file = dir.resolve("kubeconfig");

    Kubeconfig.write(file, SERVER, CA_PEM, token);

    @SuppressWarnings("unchecked")
    Map<String, Object> user =
        (Map<String, Object>)
            ((Map<String, Object>) ((List<?>) readBack(file).get("users")).get(0)).get("user");
    assertThat(user.get("token")).isEqualTo(token);
  }

  @Test
  void isOwnerOnlyAndReplacedWhole() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, "old and much longer content ".repeat(200));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Kubeconfig.write(file, SERVER, CA_PEM, "new-token");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo(Kubeconfig.render(SERVER, CA_PEM, "new-token"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:6443", "127.0.0.1:6443", "https:///nohost"})
  void refusesAServerThatIsNotHttps(String serverUrl) {
    assertThatThrownBy(() -> Kubeconfig.write(dir.resolve("kubeconfig"), serverUrl, CA_PEM, "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "serverUrl must be https://host:port (kubectl sends no credentials over plain http): "
                + serverUrl);
    assertThat(dir.resolve("kubeconfig")).doesNotExist();
  }
}
