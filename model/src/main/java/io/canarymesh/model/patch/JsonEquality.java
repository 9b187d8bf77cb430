package io.canarymesh.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Equality of JSON values as RFC 6902 §4.6 defines it: numbers compare by value ({@code 1} equals
 * {@code 1.0}), objects ignore member order, arrays compare element by element, and a string never
 * equals a number ({@code "10"} is not {@code 10}). Jackson's {@code equals} differs on numbers
 * ({@code IntNode(1)} is not {@code DoubleNode(1.0)}).
 */
final class JsonEquality {
  private JsonEquality() {}

  static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isObject()) {
      return objectsEqual(a, b);
    }
    if (a.isArray()) {
      return arraysEqual(a, b);
    }
    return a.equals(b);
  }

  private static boolean objectsEqual(JsonNode a, JsonNode b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> member : a.properties()) {
      JsonNode other = b.get(member.getKey());
      if (other == null || !equal(member.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  private static boolean arraysEqual(JsonNode a, JsonNode b) {
    if (a.size() != b.size()) {
      return false;
    }
    Iterator<JsonNode> left = a.elements();
    Iterator<JsonNode> right = b.elements();
    while (left.hasNext()) {
      if (!equal(left.next(), right.next())) {
        return false;
      }
    }
    return true;
  }
}
