package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get configmaps}: NAME DATA AGE, DATA counting {@code data} and {@code binaryData}
 * keys.
 */
final class ConfigMapPrinter implements Printer {
  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Data", "Number of keys in the config map."),
          Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<JsonNode> cells(JsonNode configMap, Instant now) {
    return List.of(
        Cells.text(Fields.text(configMap, "metadata", "name")),
        Cells.integer(Fields.size(configMap, "data") + Fields.size(configMap, "binaryData")),
        Cells.text(Age.of(configMap, now)));
  }
}
