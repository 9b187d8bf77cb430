package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads fields of an object's JSON tree with Go's zero values for what is absent: {@code ""} for
 * text, {@code 0} for numbers, {@code false} for booleans, no elements for lists. The printers are
 * written against kube's typed structs, where an absent field reads as its zero value.
 */
final class Fields {
  private Fields() {}

  /** The node at {@code path}, a missing node when any step is absent. */
  static JsonNode at(JsonNode node, String... path) {
    JsonNode current = node;
    for (String step : path) {
      current = current.path(step);
    }
    return current;
  }

  static String text(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value.isValueNode() && !value.isNull() ? value.asText() : "";
  }

  static long integer(JsonNode node, String... path) {
    return optionalInteger(node, path).orElse(0L);
  }

  static Optional<Long> optionalInteger(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value.isNumber() ? Optional.of(value.asLong()) : Optional.empty();
  }

  static boolean bool(JsonNode node, String... path) {
    return at(node, path).asBoolean(false);
  }

  /** Whether the field is present and not null, e.g. {@code state.running}. */
  static boolean present(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return !value.isMissingNode() && !value.isNull();
  }

  /** The elements of the list at {@code path}; none when it is absent or not a list. */
  static List<JsonNode> elements(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    List<JsonNode> elements = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(elements::add);
    }
    return elements;
  }

  /** The number of entries of the map at {@code path}, 0 when absent. */
  static int size(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value.isObject() ? value.size() : 0;
  }

  /**
   * The RFC 3339 timestamp at {@code path}; empty when absent or blank (Go's zero time). A value
   * that does not parse also reads as absent: stored objects were validated on the way in.
   */
  static Optional<Instant> instant(JsonNode node, String... path) {
    String text = text(node, path);
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
