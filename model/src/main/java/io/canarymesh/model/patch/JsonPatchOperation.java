package io.canarymesh.model.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of an RFC 6902 patch, parsed and checked before anything is applied, so a malformed
 * operation late in the patch rejects the patch before the first one runs.
 */
sealed interface JsonPatchOperation {

  void applyTo(JsonDocument document);

  record Add(JsonPointer path, JsonNode value) implements JsonPatchOperation {
    @Override
    public void applyTo(JsonDocument document) {
      document.add(path, value.deepCopy());
    }
  }

  record Remove(JsonPointer path) implements JsonPatchOperation {
    @Override
    public void applyTo(JsonDocument document) {
      document.remove(path);
    }
  }

  record Replace(JsonPointer path, JsonNode value) implements JsonPatchOperation {
    @Override
    public void applyTo(JsonDocument document) {
      document.replace(path, value.deepCopy());
    }
  }

  /** Remove then add; a location cannot move into its own child. */
  record Move(JsonPointer from, JsonPointer path) implements JsonPatchOperation {
    @Override
    public void applyTo(JsonDocument document) {
      if (from.isProperPrefixOf(path)) {
        throw new PatchException(
            "json patch: cannot move \"" + from + "\" into its own child \"" + path + "\"");
      }
      if (from.equals(path)) {
        document.get(from);
        return;
      }
      document.add(path, document.remove(from));
    }
  }

  record Copy(JsonPointer from, JsonPointer path) implements JsonPatchOperation {
    @Override
    public void applyTo(JsonDocument document) {
      document.add(path, document.get(from).deepCopy());
    }
  }

  record Test(JsonPointer path, JsonNode value) implements JsonPatchOperation {
    @Override
    public void applyTo(JsonDocument document) {
      if (!JsonEquality.equal(document.get(path), value)) {
        throw new PatchException("json patch: test failed at \"" + path + "\"");
      }
    }
  }

  /** Parses operation number {@code index} (from 0) of a patch document. */
  static JsonPatchOperation parse(JsonNode operation, int index) {
    if (!operation.isObject()) {
      throw malformed(index, "is not an object");
    }
    String op = text(operation, "op", index);
    JsonPointer path = JsonPointer.parse(text(operation, "path", index));
    return switch (op) {
      case "add" -> new Add(path, value(operation, index));
      case "remove" -> new Remove(path);
      case "replace" -> new Replace(path, value(operation, index));
      case "move" -> new Move(JsonPointer.parse(text(operation, "from", index)), path);
      case "copy" -> new Copy(JsonPointer.parse(text(operation, "from", index)), path);
      case "test" -> new Test(path, value(operation, index));
      default -> throw malformed(index, "has unknown op \"" + op + "\"");
    };
  }

  private static String text(JsonNode operation, String member, int index) {
    JsonNode value = operation.get(member);
    if (value == null || !value.isTextual()) {
      throw malformed(index, "lacks a string \"" + member + "\"");
    }
    return value.textValue();
  }

  /** {@code "value": null} is a value (JSON null); only a missing member is an error. */
  private static JsonNode value(JsonNode operation, int index) {
    JsonNode value = operation.get("value");
    if (value == null) {
      throw malformed(index, "lacks \"value\"");
    }
    return value;
  }

  private static PatchException malformed(int index, String problem) {
    return new PatchException("json patch: operation " + index + " " + problem);
  }
}
