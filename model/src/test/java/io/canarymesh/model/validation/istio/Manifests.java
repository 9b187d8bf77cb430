package io.canarymesh.model.validation.istio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture: decodes YAML manifests (one or more documents) into the fabric8 types the kind
 * registry names, and reads the article's seed manifests (copied unmodified from scenarios/seed
 * into the test resources).
 */
public final class Manifests {
  private static final YAMLMapper YAML = new YAMLMapper();

  static {
    YAML.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  private Manifests() {}

  /** Every document of {@code yaml}, typed by its apiVersion and kind. */
  public static List<HasMetadata> decode(String yaml) {
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      List<HasMetadata> objects = new ArrayList<>();
      for (JsonNode document : documents.readAll()) {
        if (document == null || document.isNull() || document.isEmpty()) {
          continue;
        }
        Kind kind =
            KindRegistry.standard()
                .byApiVersionAndKind(
                    document.path("apiVersion").asText(), document.path("kind").asText())
                .orElseThrow(() -> new IllegalArgumentException("unknown kind in " + document));
        objects.add(YAML.treeToValue(document, kind.type()));
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The single object in {@code yaml}. */
  public static HasMetadata decodeOne(String yaml) {
    List<HasMetadata> objects = decode(yaml);
    if (objects.size() != 1) {
      throw new IllegalArgumentException("expected one object, got " + objects.size());
    }
    return objects.get(0);
  }

  /** The objects of a seed manifest, e.g. {@code virtual-service-all.yaml}. */
  public static List<HasMetadata> seed(String file) {
    try (InputStream in = Manifests.class.getResourceAsStream("/seed/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no seed manifest " + file);
      }
      return decode(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The seed manifest files. */
  public static List<String> seedFiles() {
    return List.of(
        "micro-api.yaml",
        "micro-api-canary.yaml",
        "micro-api-canary-istio-v1.yaml",
        "micro-api-canary-istio-v2.yaml",
        "micro-gateway.yaml",
        "virtual-service-all.yaml",
        "destination-rule-all.yaml",
        "virtual-service-v2.yaml");
  }
}
