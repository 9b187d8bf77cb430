package io.canarymesh.node;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Image references to commands (ARCHITECTURE.md §Images). User entries (from {@code images.yaml})
 * come first, then the built-in one: {@code …/wudimanong/micro-api:<tag>} runs the bundled {@code
 * micro-api} sample in a small JVM with {@code APP_VERSION=<tag>} and {@code PORT=9090} (the
 * article's Service targetPort), declaring a TCP readiness check on 9090.
 */
public final class ImageCatalog {
  static final String MICRO_API_MAIN = "io.canarymesh.samples.microapi.MicroApi";
  private static final YAMLMapper YAML = new YAMLMapper();

  private final List<ImageEntry> entries;

  private ImageCatalog(List<ImageEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The built-in entries only. */
  public static ImageCatalog builtIn() {
    return new ImageCatalog(List.of(microApi()));
  }

  /**
   * The entries of {@code file} (absent: none) followed by the built-in ones.
   *
   * @throws IllegalArgumentException naming the file and the bad field
   */
  public static ImageCatalog load(Path file) {
    requireNonNull(file, "file");
    List<ImageEntry> all = new ArrayList<>(parse(file));
    all.add(microApi());
    return new ImageCatalog(all);
  }

  public List<ImageEntry> entries() {
    return entries;
  }

  /** The first entry matching {@code image}, with {@code ${TAG}} and {@code ${IMAGE}} filled in. */
  public Optional<ImageEntry> find(String image) {
    requireNonNull(image, "image");
    return entries.stream().filter(e -> e.matches(image)).findFirst().map(e -> expand(e, image));
  }

  /** {@code registry/x/micro-api:1.3} → {@code 1.3}; no tag → {@code latest}. */
  static String tagOf(String image) {
    String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.substring(colon + 1) : "latest";
  }

  private static ImageEntry expand(ImageEntry entry, String image) {
    String tag = tagOf(image);
    Map<String, String> env = new LinkedHashMap<>();
    entry.env().forEach((k, v) -> env.put(k, fill(v, tag, image)));
    return new ImageEntry(
        entry.pattern(),
        entry.command().stream().map(v -> fill(v, tag, image)).toList(),
        entry.args().stream().map(v -> fill(v, tag, image)).toList(),
        env,
        entry.readiness());
  }

  private static String fill(String value, String tag, String image) {
    return value.replace("${TAG}", tag).replace("${IMAGE}", image);
  }

  private static ImageEntry microApi() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ImageEntry(
        "wudimanong/micro-api:*",
        List.of(
            java,
            "-Xmx64m",
            "-Xss512k",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            MICRO_API_MAIN),
        List.of(),
        Map.of("APP_VERSION", "${TAG}", "PORT", "9090"),
        Optional.of(new ImageEntry.DeclaredCheck(9090, Optional.empty())));
  }

  // ---- images.yaml

  private static List<ImageEntry> parse(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + firstLine(e.getMessage()));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    JsonNode images = root.path("images");
    if (!images.isArray()) {
      throw new IllegalArgumentException(file + ": images: Required value: a list of entries");
    }
    List<ImageEntry> entries = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      entries.add(entry(images.get(i), file + ": images[" + i + "]"));
    }
    return entries;
  }

  private static ImageEntry entry(JsonNode node, String where) {
    String image = node.path("image").asText("");
    if (image.isEmpty()) {
      throw new IllegalArgumentException(where + ".image: Required value");
    }
    List<String> command = strings(node.path("command"), where + ".command");
    if (command.isEmpty()) {
      throw new IllegalArgumentException(where + ".command: Required value");
    }
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode envNode = node.path("env");
    if (!envNode.isMissingNode() && !envNode.isObject()) {
      throw new IllegalArgumentException(where + ".env: must be a map of names to values");
    }
    envNode.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    return new ImageEntry(
        image,
        command,
        strings(node.path("args"), where + ".args"),
        env,
        check(node.path("readiness"), where + ".readiness"));
  }

  private static Optional<ImageEntry.DeclaredCheck> check(JsonNode node, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return Optional.empty();
    }
    JsonNode http = node.path("httpGet");
    JsonNode tcp = node.path("tcpSocket");
    JsonNode chosen = http.isObject() ? http : tcp;
    int port = chosen.path("port").asInt(0);
    if (!chosen.isObject() || port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          where + ": must be httpGet: {port, path} or tcpSocket: {port} with a port 1..65535");
    }
    Optional<String> path =
        http.isObject() ? Optional.of(http.path("path").asText("/")) : Optional.empty();
    return Optional.of(new ImageEntry.DeclaredCheck(port, path));
  }

  private static List<String> strings(JsonNode node, String where) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + ": must be a list of strings");
    }
    List<String> values = new ArrayList<>();
    node.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }
}
