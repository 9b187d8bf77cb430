package io.canarymesh.apiserver.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canarymesh.model.KindRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.StreamSupport;

/** Test fixtures: the standard documents and small JSON helpers. */
final class Documents {
  static final String SERVER_ADDRESS = "127.0.0.1:6443";
  static final DiscoveryDocuments STANDARD =
      DiscoveryDocuments.of(KindRegistry.standard(), SERVER_ADDRESS);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Documents() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad JSON in a test: " + text, e);
    }
  }

  static String text(ServedDocument document) {
    ByteBuffer body = document.body();
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The element of an array whose {@code field} is {@code value}. */
  static JsonNode element(JsonNode array, String field, String value) {
    return StreamSupport.stream(array.spliterator(), false)
        .filter(node -> node.path(field).asText().equals(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no element with " + field + "=" + value));
  }
}
