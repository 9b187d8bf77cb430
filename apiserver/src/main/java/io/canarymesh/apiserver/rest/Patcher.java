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

  /**
   * Refuses (415) a patch type {@code kind} does not take. kube-apiserver checks this before it
   * reads the body or looks the object up, so a missing object never hides the 415.
   */
  void requireSupported(Kind kind, String contentType) {
    List<String> accepted = accepted(kind);
    if (!accepted.contains(mediaType(contentType))) {
      throw ApiException.unsupportedMediaType(accepted);
    }
  }

  JsonNode apply(Kind kind, String contentType, JsonNode current, JsonNode patch) {
    requireSupported(kind, contentType);
    try {
      return switch (mediaType(contentType)) {
        case JSON_PATCH -> JsonPatch.apply(current, patch);
        case MERGE_PATCH -> JsonMergePatch.apply(current, patch);
        default -> StrategicMergePatch.apply(current, patch, PatchSchema.forKind(kind.kind()));
      };
    } catch (PatchException e) {
      throw new ApiException(422, "Invalid", e.getMessage(), null);
    }
  }

  /**
   * Strategic merge patch needs a schema: only the built-in kinds (not the Istio ones) have one.
   */
  private static List<String> accepted(Kind kind) {
    return kind.group().endsWith("istio.io")
        ? List.of(JSON_PATCH, MERGE_PATCH)
        : List.of(JSON_PATCH, MERGE_PATCH, STRATEGIC);
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
