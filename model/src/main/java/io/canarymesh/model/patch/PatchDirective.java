package io.canarymesh.model.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code $patch} directive of a strategic merge patch, on a map or on a list item. {@code
 * merge} is the default made explicit. On a map, {@code replace} makes the map exactly the patch's
 * and {@code delete} empties it; on a list item, {@code replace} makes the list exactly the other
 * patch items and {@code delete} removes the item with the same merge key.
 */
enum PatchDirective {
  MERGE,
  REPLACE,
  DELETE;

  static final String KEY = "$patch";

  /**
   * The directive of a patch map; {@link #MERGE} when it has none. {@code location} says where the
   * map is, for the error message: {@code map "spec.strategy"}.
   */
  static PatchDirective of(JsonNode patchMap, String location) {
    JsonNode value = patchMap.get(KEY);
    if (value == null) {
      return MERGE;
    }
    return switch (value.isTextual() ? value.textValue() : "") {
      case "merge" -> MERGE;
      case "replace" -> REPLACE;
      case "delete" -> DELETE;
      default ->
          throw new PatchException(
              "strategic merge patch: invalid $patch directive " + value + " in " + location);
    };
  }
}
