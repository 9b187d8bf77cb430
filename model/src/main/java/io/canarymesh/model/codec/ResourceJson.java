package io.canarymesh.model.codec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/**
 * Encodes typed resources as the Kubernetes API shapes them: fabric8's field order ({@code
 * apiVersion, kind, metadata, spec, status}), null and empty fields left out.
 */
public final class ResourceJson {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new IstioWrapperModule())
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private static final YAMLMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .build())
          .addModule(new IstioWrapperModule())
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private ResourceJson() {}

  /** The shared mapper for encoding fabric8 objects; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return JSON;
  }

  public static JsonNode toTree(Object resource) {
    requireNonNull(resource, "resource");
    return JSON.valueToTree(resource);
  }

  public static String toJson(Object resource) {
    requireNonNull(resource, "resource");
    try {
      return JSON.writeValueAsString(resource);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String toYaml(Object resource) {
    requireNonNull(resource, "resource");
    try {
      return YAML.writeValueAsString(resource);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A deep copy through JSON: the way to get a private, mutable copy of a shared object. */
  public static <T> T copy(T resource, Class<T> type) {
    requireNonNull(resource, "resource");
    return JSON.convertValue(resource, type);
  }
}
