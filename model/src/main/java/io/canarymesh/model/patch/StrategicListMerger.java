package io.canarymesh.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Merges one list of a strategic merge patch, as the schema says: by merge key (items with the same
 * key merge, new items are appended, {@code $patch} items delete or replace), as a set of
 * primitives (union), or not at all (the patch's list replaces the original). Also puts a merged
 * list in the order a {@code $setElementOrder/<list>} directive gives.
 */
final class StrategicListMerger {
  private final PatchSchema schema;
  private final StrategicMapMerger maps;

  StrategicListMerger(PatchSchema schema, StrategicMapMerger maps) {
    this.schema = schema;
    this.maps = maps;
  }

  /** Returns a new list; {@code original}'s items may be reused (and merged into) in place. */
  ArrayNode merge(SchemaPath path, ArrayNode original, ArrayNode patch) {
    Optional<String> mergeKey = schema.mergeKey(path.names());
    if (mergeKey.isPresent()) {
      return mergeByKey(path, mergeKey.get(), original, patch);
    }
    if (schema.isMergeSet(path.names())) {
      return mergeAsSet(path, original, patch);
    }
    return patch.deepCopy();
  }

  /**
   * Example, merge key {@code name}: original {@code [{name:a,image:1},{name:b}]}, patch {@code
   * [{name:a,image:2},{name:b,$patch:delete},{name:c}]} gives {@code [{name:a,image:2},{name:c}]}.
   */
  private ArrayNode mergeByKey(SchemaPath path, String key, ArrayNode original, ArrayNode patch) {
    List<JsonNode> items = elements(original);
    applyItemDirectives(path, key, items, patch);
    for (int i = 0; i < patch.size(); i++) {
      JsonNode item = patch.get(i);
      if (PatchDirective.of(item, itemLocation(path, i)) != PatchDirective.MERGE) {
        continue;
      }
      JsonNode value = mergeKeyOf(path, key, item, i);
      int at = indexOfKey(items, key, value);
      if (at < 0) {
        items.add(maps.merge(path, StrategicMapMerger.emptyObject(), item));
      } else {
        items.set(at, maps.merge(path, (ObjectNode) items.get(at), item));
      }
    }
    return JsonNodeFactory.instance.arrayNode().addAll(items);
  }

  /**
   * {@code {name:b,$patch:delete}} removes item {@code b}; a {@code {$patch:replace}} marker drops
   * every original item, so the list becomes exactly the patch's other items.
   */
  private static void applyItemDirectives(
      SchemaPath path, String key, List<JsonNode> items, ArrayNode patch) {
    for (int i = 0; i < patch.size(); i++) {
      JsonNode item = requireMap(path, patch.get(i), i);
      switch (PatchDirective.of(item, itemLocation(path, i))) {
        case DELETE -> {
          JsonNode value = mergeKeyOf(path, key, item, i);
          items.removeIf(existing -> sameKey(existing, key, value));
        }
        case REPLACE -> items.clear();
        case MERGE -> {}
      }
    }
  }

  private static String itemLocation(SchemaPath path, int index) {
    return "list \"" + path + "\" item " + index;
  }

  /**
   * Union keeping first occurrences: {@code [a,b]} merged with {@code [b,c]} is {@code [a,b,c]}.
   */
  private static ArrayNode mergeAsSet(SchemaPath path, ArrayNode original, ArrayNode patch) {
    List<JsonNode> merged = new ArrayList<>();
    for (JsonNode item : original) {
      addIfAbsent(merged, item);
    }
    for (int i = 0; i < patch.size(); i++) {
      JsonNode item = patch.get(i);
      if (item.isContainerNode()) {
        throw new PatchException(
            "strategic merge patch: list \""
                + path
                + "\" is a set of primitives but item "
                + i
                + " is not a primitive");
      }
      addIfAbsent(merged, item.deepCopy());
    }
    return JsonNodeFactory.instance.arrayNode().addAll(merged);
  }

  /** {@code list} without any of {@code deletions}' values. */
  static ArrayNode without(ArrayNode list, JsonNode deletions) {
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    List<JsonNode> unwanted = elements(deletions);
    for (JsonNode item : list) {
      if (indexOf(unwanted, item) < 0) {
        kept.add(item);
      }
    }
    return kept;
  }

  /**
   * Orders {@code merged} by {@code order} (a {@code $setElementOrder} list). Items it names come
   * in its order; the others (known only to the server) keep their places relative to the original
   * list. Example: original {@code [x,a,b]} ({@code x} added by the server), order {@code [b,a]}:
   * {@code [x,b,a]}.
   */
  ArrayNode order(
      SchemaPath path, ArrayNode original, ArrayNode merged, ArrayNode patch, ArrayNode order) {
    Optional<String> key = schema.mergeKey(path.names());
    List<JsonNode> ids = orderIdentities(path, key, order);
    checkPatchFollowsOrder(path, key, patch, ids);
    List<JsonNode> originalIds = new ArrayList<>();
    original.forEach(item -> originalIds.add(identity(key, item)));
    List<JsonNode> named = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    for (JsonNode item : merged) {
      (indexOf(ids, identity(key, item)) >= 0 ? named : serverOnly).add(item);
    }
    named.sort(Comparator.comparingInt(item -> indexOf(ids, identity(key, item))));
    return interleave(key, serverOnly, named, originalIds);
  }

  /**
   * Merges two ordered lists into one, keeping each list's order: a server-only item goes first
   * when the original list had it before the next named item.
   */
  private static ArrayNode interleave(
      Optional<String> key,
      List<JsonNode> serverOnly,
      List<JsonNode> named,
      List<JsonNode> originalIds) {
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    int i = 0;
    int j = 0;
    while (i < serverOnly.size() || j < named.size()) {
      boolean takeServerOnly = j >= named.size();
      if (i < serverOnly.size() && j < named.size()) {
        int left = indexOf(originalIds, identity(key, serverOnly.get(i)));
        int right = indexOf(originalIds, identity(key, named.get(j)));
        takeServerOnly = left >= 0 && right >= 0 && left < right;
      }
      result.add(takeServerOnly ? serverOnly.get(i++) : named.get(j++));
    }
    return result;
  }

  private static List<JsonNode> orderIdentities(
      SchemaPath path, Optional<String> key, ArrayNode order) {
    List<JsonNode> ids = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      JsonNode item = order.get(i);
      if (key.isPresent() && (!item.isObject() || !item.has(key.get()))) {
        throw new PatchException(
            "strategic merge patch: $setElementOrder/"
                + lastName(path)
                + " item "
                + i
                + " lacks the merge key \""
                + key.get()
                + "\"");
      }
      ids.add(identity(key, item));
    }
    return ids;
  }

  /** The patch's own items must appear in the order list, in the same relative order. */
  private static void checkPatchFollowsOrder(
      SchemaPath path, Optional<String> key, ArrayNode patch, List<JsonNode> ids) {
    int cursor = 0;
    for (int i = 0; i < patch.size() && !ids.isEmpty(); i++) {
      JsonNode item = patch.get(i);
      if (key.isPresent() && item.has(PatchDirective.KEY)) {
        continue;
      }
      JsonNode id = identity(key, item);
      while (cursor < ids.size() && !sameValue(ids.get(cursor), id)) {
        cursor++;
      }
      if (cursor++ >= ids.size()) {
        throw new PatchException(
            "strategic merge patch: list \""
                + path
                + "\" item "
                + i
                + " is missing from, or out of order in, $setElementOrder/"
                + lastName(path));
      }
    }
  }

  private static JsonNode requireMap(SchemaPath path, JsonNode item, int index) {
    if (!item.isObject()) {
      throw new PatchException(
          "strategic merge patch: list \"" + path + "\" item " + index + " is not a map");
    }
    return item;
  }

  private static JsonNode mergeKeyOf(SchemaPath path, String key, JsonNode item, int index) {
    JsonNode value = item.get(key);
    if (value == null) {
      throw new PatchException(
          "strategic merge patch: list \""
              + path
              + "\" item "
              + index
              + " lacks its merge key \""
              + key
              + "\"");
    }
    return value;
  }

  /** The value an item is known by: its merge key's value, or the item itself for primitives. */
  private static JsonNode identity(Optional<String> key, JsonNode item) {
    return key.map(name -> item.path(name)).orElse(item);
  }

  private static boolean sameKey(JsonNode item, String key, JsonNode value) {
    JsonNode own = item.get(key);
    return own != null && JsonEquality.equal(own, value);
  }

  private static int indexOfKey(List<JsonNode> items, String key, JsonNode value) {
    for (int i = 0; i < items.size(); i++) {
      if (sameKey(items.get(i), key, value)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Index of {@code value} in {@code list}; a missing value (an item without key) is never found.
   */
  private static int indexOf(List<JsonNode> list, JsonNode value) {
    for (int i = 0; i < list.size() && !value.isMissingNode(); i++) {
      if (sameValue(list.get(i), value)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    return !a.isMissingNode() && !b.isMissingNode() && JsonEquality.equal(a, b);
  }

  private static void addIfAbsent(List<JsonNode> list, JsonNode item) {
    if (indexOf(list, item) < 0) {
      list.add(item);
    }
  }

  private static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> elements = new ArrayList<>(array.size());
    array.forEach(elements::add);
    return elements;
  }

  private static String lastName(SchemaPath path) {
    return path.names().isEmpty() ? "" : path.names().get(path.names().size() - 1);
  }
}
