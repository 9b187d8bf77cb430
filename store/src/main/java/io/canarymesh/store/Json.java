package io.canarymesh.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON text ⇄ Jackson trees, the one form objects take in the database and the change log. */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree: " + e.getMessage(), e);
    }
  }

  static ObjectNode parseObject(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("stored JSON is not an object: " + e.getMessage(), e);
    }
  }

  /**
   * A copy as it reads back from the database. Comparing two trees needs this: Jackson holds {@code
   * 1} as an IntNode when parsed but as a LongNode when put as a long, and those are not equal.
   */
  static ObjectNode normalized(ObjectNode object) {
    return parseObject(write(object));
  }
}
