package io.canarymesh.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes test manifests (multi-document YAML) into fabric8 objects through the kind registry. The
 * seed manifests under {@code src/test/resources/seed/} are verbatim copies of the article's
 * core/apps manifests in {@code scenarios/seed/}.
 */
public final class TestManifests {
  public static final List<String> SEEDS =
      List.of(
          "micro-api.yaml",
          "micro-api-canary.yaml",
          "micro-api-canary-istio-v1.yaml",
          "micro-api-canary-istio-v2.yaml");

  private static final YAMLMapper YAML = new YAMLMapper();

  private TestManifests() {}

  /** Every object in the seed manifest {@code name}. */
  public static List<HasMetadata> seed(String name) {
    try (InputStream in = TestManifests.class.getResourceAsStream("/seed/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no seed manifest " + name);
      }
      return decodeAll(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first object of {@code type} in seed manifest {@code name}. */
  public static <T extends HasMetadata> T seed(String name, Class<T> type) {
    return seed(name).stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  /** Every document of a YAML text, as the fabric8 type its apiVersion and kind name. */
  public static List<HasMetadata> decodeAll(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document == null || document.isEmpty()) {
          continue;
        }
        Kind kind =
            KindRegistry.standard()
                .byApiVersionAndKind(
                    document.path("apiVersion").asText(), document.path("kind").asText())
                .orElseThrow();
        objects.add(YAML.treeToValue(document, kind.type()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return objects;
  }

  /** The single object of a YAML text. */
  public static <T extends HasMetadata> T decode(String yaml, Class<T> type) {
    return type.cast(decodeAll(yaml).get(0));
  }
}
