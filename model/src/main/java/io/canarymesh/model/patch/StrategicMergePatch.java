package io.canarymesh.model.patch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch, the server's
 * apply half): maps merge per key and {@code null} deletes; lists the {@link PatchSchema} gives a
 * merge key merge per item, merge-set lists of primitives take the union, other lists are replaced;
 * directives {@code $patch: replace|delete|merge}, {@code $retainKeys}, {@code
 * $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>} refine that.
 *
 * <p>Example, {@code kubectl set image}: the patch {@code
 * {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],
 * "containers":[{"image":"app:2","name":"app"}]}}}}} changes only that container's image.
 *
 * <p>Unlike Kubernetes, a patch value for a field the original lacks is still processed (its
 * directives applied and its nulls dropped) rather than copied verbatim, so no {@code $}-directive
 * ever reaches a stored object.
 */
public final class StrategicMergePatch {
  private StrategicMergePatch() {}

  /** Returns {@code original} with {@code patch} merged in; neither argument is modified. */
  public static JsonNode apply(JsonNode original, JsonNode patch, PatchSchema schema) {
    requireNonNull(original, "original");
    requireNonNull(patch, "patch");
    requireNonNull(schema, "schema");
    if (!original.isObject()) {
      throw new PatchException("strategic merge patch: the original object must be a JSON object");
    }
    if (!patch.isObject()) {
      throw new PatchException("strategic merge patch: the patch must be a JSON object");
    }
    ObjectNode copy = original.deepCopy();
    return new StrategicMapMerger(schema).merge(SchemaPath.ROOT, copy, patch);
  }
}
