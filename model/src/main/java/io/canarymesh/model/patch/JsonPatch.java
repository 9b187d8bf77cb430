package io.canarymesh.model.patch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON patch, RFC 6902: a list of {@code add}, {@code remove}, {@code replace}, {@code move},
 * {@code copy} and {@code test} operations addressed by JSON pointers. The patch applies
 * atomically: it runs on a private copy, so a failing operation leaves nothing applied. {@code
 * kubectl rollout undo} sends one to replace {@code /spec/template} and {@code
 * /metadata/annotations}.
 */
public final class JsonPatch {
  private JsonPatch() {}

  /** Returns {@code target} with every operation of {@code patch} applied; inputs are untouched. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    requireNonNull(target, "target");
    requireNonNull(patch, "patch");
    List<JsonPatchOperation> operations = parse(patch);
    JsonDocument document = new JsonDocument(target);
    for (JsonPatchOperation operation : operations) {
      operation.applyTo(document);
    }
    return document.root();
  }

  private static List<JsonPatchOperation> parse(JsonNode patch) {
    if (!patch.isArray()) {
      throw new PatchException("json patch: the patch must be a JSON array of operations");
    }
    List<JsonPatchOperation> operations = new ArrayList<>(patch.size());
    for (int i = 0; i < patch.size(); i++) {
      operations.add(JsonPatchOperation.parse(patch.get(i), i));
    }
    return operations;
  }
}
