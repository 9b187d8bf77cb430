package io.canarymesh.model;

import io.canarymesh.model.codec.DecodeError;
import io.canarymesh.model.codec.DecodeResult;
import io.canarymesh.model.codec.DecodedResource;
import io.canarymesh.model.codec.ManifestDecoder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Test fixture: decodes manifests with the real strict decoder, and reads the article's manifests
 * from the repository's {@code scenarios/seed/} (the module's tests run in {@code model/}).
 */
public final class TestManifests {
  /** The article's manifests as the repository bundles them. */
  public static final Path SEED_DIR = Path.of("../scenarios/seed");

  /** The core/apps seed manifests. */
  public static final List<String> SEEDS =
      List.of(
          "micro-api.yaml",
          "micro-api-canary.yaml",
          "micro-api-canary-istio-v1.yaml",
          "micro-api-canary-istio-v2.yaml");

  /** Every seed manifest, core/apps and Istio. */
  public static final List<String> ALL_SEEDS =
      List.of(
          "micro-api.yaml",
          "micro-api-canary.yaml",
          "micro-api-canary-istio-v1.yaml",
          "micro-api-canary-istio-v2.yaml",
          "micro-gateway.yaml",
          "virtual-service-all.yaml",
          "destination-rule-all.yaml",
          "virtual-service-v2.yaml");

  private static final ManifestDecoder DECODER = new ManifestDecoder(KindRegistry.standard());

  private TestManifests() {}

  /** Every object in the seed manifest {@code name}. */
  public static List<HasMetadata> seed(String name) {
    try {
      return decodeAll(Files.readString(SEED_DIR.resolve(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first object of {@code type} in seed manifest {@code name}. */
  public static <T extends HasMetadata> T seed(String name, Class<T> type) {
    return seed(name).stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  /** Every document of a YAML text, decoded strictly; fails the test on any decode error. */
  public static List<HasMetadata> decodeAll(String yaml) {
    DecodeResult result = DECODER.decode(yaml);
    if (!result.ok()) {
      throw new IllegalArgumentException(
          "test manifest does not decode: "
              + result.errors().stream()
                  .map(DecodeError::describe)
                  .collect(Collectors.joining("; ")));
    }
    return result.resources().stream().map(DecodedResource::object).toList();
  }

  /** The single object of a YAML text. */
  public static <T extends HasMetadata> T decode(String yaml, Class<T> type) {
    return type.cast(decodeAll(yaml).get(0));
  }
}
