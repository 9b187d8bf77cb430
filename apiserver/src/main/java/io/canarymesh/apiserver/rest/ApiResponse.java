package io.canarymesh.apiserver.rest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.canarymesh.model.codec.ResourceJson;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A complete response: status, content type, body, and Kubernetes {@code Warning} headers.
 *
 * @param warnings texts for {@code Warning: 299 - "<text>"} headers (kubectl prints each)
 */
public record ApiResponse(int status, String contentType, byte[] body, List<String> warnings) {
  public static final String JSON = "application/json";

  public ApiResponse {
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
    warnings = List.copyOf(warnings);
  }

  public static ApiResponse json(int status, JsonNode body) {
    return json(status, body, List.of());
  }

  public static ApiResponse json(int status, JsonNode body, List<String> warnings) {
    return withType(status, JSON, body, warnings);
  }

  public static ApiResponse withType(
      int status, String type, JsonNode body, List<String> warnings) {
    try {
      return new ApiResponse(status, type, ResourceJson.mapper().writeValueAsBytes(body), warnings);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ApiResponse error(ApiException e) {
    return json(e.code(), e.toStatus());
  }
}
