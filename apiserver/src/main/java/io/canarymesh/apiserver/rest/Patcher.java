package io.canarymesh.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.canarymesh.model.Kind;
import io.canarymesh.model.patch.JsonMergePatch;
import io.canarymesh.model.patch.JsonPatch;
import io.canarymesh.model.patch.PatchException;
import io.canarymesh.model.patch.PatchSchema;
import io.canarymesh.model.patch.StrategicMergePatch;
import java.util.List;

/**
 * Applies a PATCH body by its Content-Type (KUBE-API.md §E): strategic merge patch for the built-in
 * kinds, JSON merge patch and JSON patch for all; anything else is 415, as is strategic merge patch
 * on the Istio kinds (custom resources in Kubernetes).
 */
final class Patcher {
  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String STRATEGIC = "application/strategic-merge-patch+json";
  static final String APPLY = "application/apply-patch+yaml";

  JsonNode apply(Kind kind, String contentType, JsonNode current, JsonNode patch) {
    String type = mediaType(contentType);
    boolean builtIn = !kind.group().endsWith("istio.io");
    try {
      return switch (type) {
        case JSON_PATCH -> JsonPatch.apply(current, patch);
        case MERGE_PATCH -> JsonMergePatch.apply(current, patch);
        case STRATEGIC -> {
          if (!builtIn) {
            throw ApiException.unsupportedMediaType(List.of(JSON_PATCH, MERGE_PATCH));
          }
          yield StrategicMergePatch.apply(current, patch, PatchSchema.forKind(kind.kind()));
        }
        default ->
            throw ApiException.unsupportedMediaType(
                builtIn
                    ? List.of(JSON_PATCH, MERGE_PATCH, STRATEGIC)
                    : List.of(JSON_PATCH, MERGE_PATCH));
      };
    } catch (PatchException e) {
      throw new ApiException(422, "Invalid", e.getMessage(), null);
    }
  }

  /** A patch to an autoscaling/v1 Scale (which has no strategic schema: merge semantics). */
  JsonNode applyToScale(String contentType, JsonNode scale, JsonNode patch) {
    try {
      return switch (mediaType(contentType)) {
        case JSON_PATCH -> JsonPatch.apply(scale, patch);
        case MERGE_PATCH, STRATEGIC -> JsonMergePatch.apply(scale, patch);
        default ->
            throw ApiException.unsupportedMediaType(List.of(JSON_PATCH, MERGE_PATCH, STRATEGIC));
      };
    } catch (PatchException e) {
      throw new ApiException(422, "Invalid", e.getMessage(), null);
    }
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(java.util.Locale.ROOT);
  }
}
