package io.canarymesh.apiserver.security;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The kubeconfig that points kubectl at our server: one cluster, one user with the bearer token,
 * one context in namespace {@code default}, current. It holds the token, so it is written 0600 and
 * atomically (a crash leaves the old file or the new one). What it writes:
 *
 * <pre>
 * apiVersion: v1
 * kind: Config
 * clusters:
 * - name: canary-mesh
 *   cluster:
 *     server: https://127.0.0.1:6443
 *     certificate-authority-data: LS0tLS1CRUdJTi...
 * users:
 * - name: canary-mesh-admin
 *   user:
 *     token: 3q2-7w...
 * contexts:
 * - name: canary-mesh
 *   context:
 *     cluster: canary-mesh
 *     user: canary-mesh-admin
 *     namespace: default
 * current-context: canary-mesh
 * preferences: {}
 * </pre>
 */
public final class Kubeconfig {
  static final String CLUSTER = "canary-mesh";
  static final String USER = "canary-mesh-admin";
  static final String CONTEXT = "canary-mesh";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .stringQuotingChecker(new PlainOnlyWhenUnambiguous())
              .build());

  private Kubeconfig() {}

  /**
   * Writes the kubeconfig to {@code file}, replacing what was there.
   *
   * @param serverUrl the API server, {@code https://host:port}: kubectl sends no token over http
   * @param caPem the CA certificate that signed the server's certificate, as PEM
   */
  public static void write(Path file, String serverUrl, String caPem, String token) {
    requireNonNull(file, "file");
    OwnerOnlyFiles.writeAtomically(
        file, render(serverUrl, caPem, token).getBytes(StandardCharsets.UTF_8));
  }

  static String render(String serverUrl, String caPem, String token) {
    requireNonNull(serverUrl, "serverUrl");
    requireNonNull(caPem, "caPem");
    requireNonNull(token, "token");
    requireHttps(serverUrl);
    try {
      return YAML.writeValueAsString(document(serverUrl, caPem, token));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a kubeconfig", e);
    }
  }

  private static void requireHttps(String serverUrl) {
    if (!isHttpsUrl(serverUrl)) {
      throw new IllegalArgumentException(
          "serverUrl must be https://host:port (kubectl sends no credentials over plain http): "
              + serverUrl);
    }
  }

  private static boolean isHttpsUrl(String url) {
    try {
      URI uri = new URI(url);
      return "https".equals(uri.getScheme()) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static Map<String, Object> document(String serverUrl, String caPem, String token) {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("server", serverUrl);
    cluster.put(
        "certificate-authority-data",
        Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cluster", CLUSTER);
    context.put("user", USER);
    context.put("namespace", "default");

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.put("clusters", List.of(named(CLUSTER, "cluster", cluster)));
    config.put("users", List.of(named(USER, "user", Map.of("token", token))));
    config.put("contexts", List.of(named(CONTEXT, "context", context)));
    config.put("current-context", CONTEXT);
    config.put("preferences", Map.of());
    return config;
  }

  /** kubeconfig's named-entry shape: {@code {name: N, <kind>: {...}}}. */
  private static Map<String, Object> named(String name, String kind, Map<String, Object> value) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", name);
    entry.put(kind, value);
    return entry;
  }

  /**
   * Leaves a value unquoted only when no YAML parser can read it as anything but a string. Go's
   * kubeconfig loader reads YAML 1.1 into JSON first, so a token such as {@code 0x1F}, {@code 1e3}
   * or {@code on} written plain would arrive as a number or a boolean and fail to load. Plain: a
   * letter, then letters, digits and {@code +/=._:-} (no spaces), and not a YAML keyword.
   */
  private static final class PlainOnlyWhenUnambiguous extends StringQuotingChecker.Default {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9+/=._:-]*");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || !PLAIN.matcher(value).matches();
    }
  }
}
