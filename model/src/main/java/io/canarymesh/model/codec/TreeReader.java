package io.canarymesh.model.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.model.validation.FieldPath;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every root value of a JSON or YAML stream into trees, remembering where each field starts
 * and collecting duplicate fields (Jackson's own tree reader keeps the last value silently).
 */
final class TreeReader {
  private final JsonParser parser;
  private final List<DecodeError> errors;
  private int document;
  private Map<String, SourceLocation> locations;

  TreeReader(JsonParser parser, List<DecodeError> errors) {
    this.parser = parser;
    this.errors = errors;
  }

  /** Reads the next document, or returns null at the end of the stream. */
  LocatedTree next() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      return null;
    }
    locations = new HashMap<>();
    SourceLocation start = location(parser.currentTokenLocation());
    JsonNode root = readValue(token, FieldPath.root());
    if (root.isObject() && !root.isEmpty()) {
      // YAML puts an object's start at its "---" marker; the first field is where a reader looks
      start = locations.getOrDefault(root.fieldNames().next(), start);
    }
    LocatedTree tree = new LocatedTree(root, start, Map.copyOf(locations));
    document++;
    return tree;
  }

  int documentIndex() {
    return document;
  }

  private JsonNode readValue(JsonToken token, FieldPath path) throws IOException {
    return switch (token) {
      case START_OBJECT -> readObject(path);
      case START_ARRAY -> readArray(path);
      case VALUE_STRING -> JsonNodeFactory.instance.textNode(parser.getText());
      case VALUE_NUMBER_INT -> integer();
      case VALUE_NUMBER_FLOAT -> JsonNodeFactory.instance.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> JsonNodeFactory.instance.booleanNode(true);
      case VALUE_FALSE -> JsonNodeFactory.instance.booleanNode(false);
      case VALUE_NULL -> JsonNodeFactory.instance.nullNode();
      case VALUE_EMBEDDED_OBJECT -> JsonNodeFactory.instance.pojoNode(parser.getEmbeddedObject());
      default -> throw new IOException("unexpected token " + token);
    };
  }

  private JsonNode integer() throws IOException {
    return switch (parser.getNumberType()) {
      case INT -> JsonNodeFactory.instance.numberNode(parser.getIntValue());
      case LONG -> JsonNodeFactory.instance.numberNode(parser.getLongValue());
      default -> JsonNodeFactory.instance.numberNode(parser.getBigIntegerValue());
    };
  }

  private ObjectNode readObject(FieldPath path) throws IOException {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      FieldPath fieldPath = path.child(name);
      SourceLocation at = location(parser.currentTokenLocation());
      JsonNode value = readValue(parser.nextToken(), fieldPath);
      if (node.has(name)) {
        errors.add(
            new DecodeError(
                document,
                fieldPath.toString(),
                java.util.Optional.of(at),
                "duplicate field \"" + fieldPath + "\"",
                true));
        continue;
      }
      locations.put(fieldPath.toString(), at);
      node.set(name, value);
    }
    return node;
  }

  private ArrayNode readArray(FieldPath path) throws IOException {
    ArrayNode node = JsonNodeFactory.instance.arrayNode();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      FieldPath itemPath = path.index(node.size());
      locations.put(itemPath.toString(), location(parser.currentTokenLocation()));
      node.add(readValue(token, itemPath));
    }
    return node;
  }

  private static SourceLocation location(JsonLocation location) {
    return new SourceLocation(location.getLineNr(), location.getColumnNr());
  }
}
