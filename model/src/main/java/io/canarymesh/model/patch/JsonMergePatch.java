package io.canarymesh.model.patch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON merge patch, RFC 7386: an object patch merges member by member, {@code null} deletes a
 * member, anything else (arrays included) replaces the target wholesale. Used for the Istio kinds
 * on {@code kubectl apply} and for {@code kubectl scale}.
 *
 * <p>Example: target {@code {"a":{"b":"c"},"d":[1]}} with patch {@code
 * {"a":{"b":null,"e":1},"d":[2]}} gives {@code {"a":{"e":1},"d":[2]}}.
 */
public final class JsonMergePatch {
  private JsonMergePatch() {}

  /** Returns {@code target} with {@code patch} merged in; neither argument is modified. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    requireNonNull(target, "target");
    requireNonNull(patch, "patch");
    return merge(target, patch);
  }

  private static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode copy =
        target.isObject() ? (ObjectNode) target.deepCopy() : JsonNodeFactory.instance.objectNode();
    return mergeInto(copy, patch);
  }

  /** Merges an object patch into {@code target}, which this class owns (a fresh copy). */
  private static ObjectNode mergeInto(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      if (value.isNull()) {
        target.remove(name);
      } else if (!value.isObject()) {
        target.set(name, value.deepCopy());
      } else if (target.get(name) instanceof ObjectNode child) {
        mergeInto(child, value);
      } else {
        target.set(name, mergeInto(JsonNodeFactory.instance.objectNode(), value));
      }
    }
    return target;
  }
}
