package io.canarymesh.model.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed document with the position of every field, keyed by field path ({@code
 * spec.template.spec.containers[0].image}), so later errors can point at the line.
 */
record LocatedTree(JsonNode root, SourceLocation start, Map<String, SourceLocation> locations) {
  Optional<SourceLocation> locationOf(String field) {
    return Optional.ofNullable(locations.get(field));
  }
}
