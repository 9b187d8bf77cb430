package io.canarymesh.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Merges one map of a strategic merge patch into the matching map of the object, in the order
 * Kubernetes does: {@code $patch}, then {@code $retainKeys}, then the lists named by {@code
 * $setElementOrder/…} (merged and put in order), then {@code $deleteFromPrimitiveList/…}, then
 * every other field ({@code null} deletes, maps recurse, lists go to {@link StrategicListMerger},
 * anything else replaces).
 *
 * <p>The {@code original} maps handed in are private copies that this class edits in place; the
 * patch is only read.
 */
final class StrategicMapMerger {
  static final String RETAIN_KEYS = "$retainKeys";
  static final String SET_ELEMENT_ORDER = "$setElementOrder/";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

  private final PatchSchema schema;
  private final StrategicListMerger lists;

  StrategicMapMerger(PatchSchema schema) {
    this.schema = schema;
    this.lists = new StrategicListMerger(schema, this);
  }

  /** Merges {@code patch} (a map) into {@code original} and returns the result. */
  ObjectNode merge(SchemaPath path, ObjectNode original, JsonNode patch) {
    PatchDirective directive = PatchDirective.of(patch, path.describeMap());
    if (directive == PatchDirective.DELETE) {
      return emptyObject();
    }
    ObjectNode base = directive == PatchDirective.REPLACE ? emptyObject() : original;
    applyRetainKeys(path, base, patch);
    Set<String> ordered = mergeOrderedLists(path, base, patch);
    deleteFromPrimitiveLists(path, base, patch);
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      String name = field.getKey();
      if (isDirective(name) || ordered.contains(name)) {
        continue;
      }
      if (field.getValue().isNull()) {
        base.remove(name);
      } else {
        base.set(name, mergeValue(path.child(name), base.get(name), field.getValue()));
      }
    }
    return base;
  }

  /**
   * Maps merge into maps and lists into lists; a value of another type (or a new field) is taken
   * from the patch, still cleaned of directives and nulls by merging it into an empty value.
   */
  JsonNode mergeValue(SchemaPath path, JsonNode original, JsonNode patch) {
    if (patch.isObject()) {
      return merge(path, original instanceof ObjectNode map ? map : emptyObject(), patch);
    }
    if (patch.isArray()) {
      ArrayNode base =
          original instanceof ArrayNode list ? list : JsonNodeFactory.instance.arrayNode();
      return lists.merge(path, base, (ArrayNode) patch);
    }
    return patch.deepCopy();
  }

  /**
   * {@code $retainKeys: [type, rollingUpdate]} clears every other field of the original, e.g. to
   * drop {@code rollingUpdate} when a Deployment's strategy becomes {@code Recreate}. Every field
   * the patch sets must be listed.
   */
  private static void applyRetainKeys(SchemaPath path, ObjectNode original, JsonNode patch) {
    JsonNode listed = patch.get(RETAIN_KEYS);
    if (listed == null) {
      return;
    }
    Set<String> retained = fieldNames(listed, path);
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      if (!field.getValue().isNull()
          && !isDirective(field.getKey())
          && !retained.contains(field.getKey())) {
        throw new PatchException(
            "strategic merge patch: field \""
                + field.getKey()
                + "\" in "
                + path.describeMap()
                + " is not listed in $retainKeys");
      }
    }
    original.retain(retained);
  }

  private static Set<String> fieldNames(JsonNode listed, SchemaPath path) {
    Set<String> names = new HashSet<>();
    for (JsonNode name : listed) {
      names.add(name.isTextual() ? name.textValue() : null);
    }
    if (!listed.isArray() || names.contains(null)) {
      throw new PatchException(
          "strategic merge patch: $retainKeys in "
              + path.describeMap()
              + " must be a list of field names");
    }
    return names;
  }

  /**
   * Merges each list named by a {@code $setElementOrder/<list>} directive together with the patch's
   * {@code <list>}, then orders it; returns the names of the lists so handled.
   */
  private Set<String> mergeOrderedLists(SchemaPath path, ObjectNode original, JsonNode patch) {
    Set<String> handled = new HashSet<>();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      if (!field.getKey().startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      String name = listName(field.getKey(), SET_ELEMENT_ORDER, path);
      JsonNode order = requireList(field.getKey(), field.getValue(), path);
      JsonNode patchList = patch.get(name);
      if (patchList != null && patchList.isNull()) {
        continue;
      }
      JsonNode originalList = original.get(name);
      if (patchList == null && originalList == null) {
        continue;
      }
      ArrayNode base =
          originalList instanceof ArrayNode list ? list : JsonNodeFactory.instance.arrayNode();
      SchemaPath listPath = path.child(name);
      ArrayNode patchItems = JsonNodeFactory.instance.arrayNode();
      ArrayNode merged = base;
      if (patchList != null) {
        patchItems = (ArrayNode) requireList(name, patchList, path);
        merged = lists.merge(listPath, base, patchItems);
      }
      original.set(name, lists.order(listPath, base, merged, patchItems, (ArrayNode) order));
      handled.add(name);
    }
    return handled;
  }

  /**
   * {@code $deleteFromPrimitiveList/finalizers: [a]} removes {@code a} from a list of primitives
   * merged as a set, where a plain patch list could only add.
   */
  private void deleteFromPrimitiveLists(SchemaPath path, ObjectNode original, JsonNode patch) {
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      if (!field.getKey().startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        continue;
      }
      String name = listName(field.getKey(), DELETE_FROM_PRIMITIVE_LIST, path);
      JsonNode deletions = requireList(field.getKey(), field.getValue(), path);
      if (!(original.get(name) instanceof ArrayNode list)) {
        continue;
      }
      if (!schema.isMergeSet(path.child(name).names())) {
        throw new PatchException(
            "strategic merge patch: "
                + field.getKey()
                + " in "
                + path.describeMap()
                + " names a list that is not a merged list of primitives");
      }
      original.set(name, StrategicListMerger.without(list, deletions));
    }
  }

  private static String listName(String directive, String prefix, SchemaPath path) {
    String name = directive.substring(prefix.length());
    if (name.isEmpty()) {
      throw new PatchException(
          "strategic merge patch: " + directive + " in " + path.describeMap() + " names no list");
    }
    return name;
  }

  private static JsonNode requireList(String field, JsonNode value, SchemaPath path) {
    if (!value.isArray()) {
      throw new PatchException(
          "strategic merge patch: " + field + " in " + path.describeMap() + " must be a list");
    }
    return value;
  }

  static boolean isDirective(String field) {
    return field.equals(PatchDirective.KEY)
        || field.equals(RETAIN_KEYS)
        || field.startsWith(SET_ELEMENT_ORDER)
        || field.startsWith(DELETE_FROM_PRIMITIVE_LIST);
  }

  static ObjectNode emptyObject() {
    return JsonNodeFactory.instance.objectNode();
  }
}
