package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Objects written as YAML, a fixed clock, and the cells a kind's table gives for one object. */
final class TableFixtures {
  /** "Now" for every test; timestamps in fixtures are written relative to it. */
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static final YAMLMapper YAML = new YAMLMapper();

  private TableFixtures() {}

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Kind kind(String plural) {
    List<Kind> kinds = KindRegistry.standard().byUserName(plural);
    if (kinds.size() != 1) {
      throw new IllegalArgumentException("no single kind " + plural + ": " + kinds);
    }
    return kinds.get(0);
  }

  /** The cells of the one row, as compact JSON: {@code ["micro-api","4/3",2,4,"15m",…]}. */
  static String cells(String plural, String objectYaml) {
    JsonNode table = TableBuilder.table(kind(plural), List.of(yaml(objectYaml)), "7", NOW);
    return table.path("rows").path(0).path("cells").toString();
  }

  /** Column definitions as {@code name|type|format|priority}, one per column. */
  static List<String> columns(String plural) {
    JsonNode table = TableBuilder.table(kind(plural), List.of(), "7", NOW);
    return table
        .path("columnDefinitions")
        .valueStream()
        .map(
            c ->
                c.path("name").asText()
                    + "|"
                    + c.path("type").asText()
                    + "|"
                    + c.path("format").asText()
                    + "|"
                    + c.path("priority").asInt())
        .toList();
  }
}
