package io.canarymesh.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A private, mutable copy of a document that JSON patch operations edit through JSON pointers.
 * Every failure names the pointer as the operation wrote it.
 */
final class JsonDocument {
  private JsonNode root;

  JsonDocument(JsonNode original) {
    this.root = original.deepCopy();
  }

  JsonNode root() {
    return root;
  }

  /** The value at {@code path}; fails if there is none. */
  JsonNode get(JsonPointer path) {
    JsonNode node = root;
    for (String token : path.tokens()) {
      node = child(node, token, path);
    }
    return node;
  }

  /** RFC 6902 add: sets a member, or inserts before an array index ({@code -} appends). */
  void add(JsonPointer path, JsonNode value) {
    if (path.isRoot()) {
      root = value;
      return;
    }
    JsonNode parent = parentOf(path);
    if (parent instanceof ObjectNode object) {
      object.set(path.lastToken(), value);
    } else if (parent instanceof ArrayNode array) {
      String token = path.lastToken();
      int index = token.equals("-") ? array.size() : arrayIndex(token, path);
      if (index > array.size()) {
        throw new PatchException(
            "json patch: index " + index + " out of bounds at \"" + path + "\"");
      }
      array.insert(index, value);
    } else {
      throw doesNotExist(path);
    }
  }

  /** RFC 6902 remove: removes the value at {@code path} and returns it. */
  JsonNode remove(JsonPointer path) {
    if (path.isRoot()) {
      throw new PatchException("json patch: cannot remove the whole document");
    }
    JsonNode parent = parentOf(path);
    JsonNode removed = child(parent, path.lastToken(), path);
    if (parent instanceof ObjectNode object) {
      object.remove(path.lastToken());
    } else {
      ((ArrayNode) parent).remove(arrayIndex(path.lastToken(), path));
    }
    return removed;
  }

  /** RFC 6902 replace: the value at {@code path} must exist. */
  void replace(JsonPointer path, JsonNode value) {
    if (path.isRoot()) {
      root = value;
      return;
    }
    JsonNode parent = parentOf(path);
    child(parent, path.lastToken(), path);
    if (parent instanceof ObjectNode object) {
      object.set(path.lastToken(), value);
    } else {
      ((ArrayNode) parent).set(arrayIndex(path.lastToken(), path), value);
    }
  }

  private JsonNode parentOf(JsonPointer path) {
    JsonNode node = root;
    for (String token : path.parentTokens()) {
      node = child(node, token, path);
    }
    return node;
  }

  private static JsonNode child(JsonNode node, String token, JsonPointer path) {
    JsonNode child = null;
    if (node.isObject()) {
      child = node.get(token);
    } else if (node.isArray()) {
      child = node.get(arrayIndex(token, path));
    }
    if (child == null) {
      throw doesNotExist(path);
    }
    return child;
  }

  /** Array indices are decimal without leading zeros; {@code -} only means "append" on add. */
  private static int arrayIndex(String token, JsonPointer path) {
    if (!token.matches("0|[1-9][0-9]{0,8}")) {
      throw new PatchException(
          "json patch: invalid array index \"" + token + "\" in path \"" + path + "\"");
    }
    return Integer.parseInt(token);
  }

  private static PatchException doesNotExist(JsonPointer path) {
    return new PatchException("json patch: path \"" + path + "\" does not exist");
  }
}
