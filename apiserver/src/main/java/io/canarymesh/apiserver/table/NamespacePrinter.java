package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get namespaces}: NAME STATUS AGE, STATUS being {@code status.phase}. */
final class NamespacePrinter implements Printer {
  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Status", "The phase of the namespace: Active or Terminating."),
          Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<JsonNode> cells(JsonNode namespace, Instant now) {
    return List.of(
        Cells.text(Fields.text(namespace, "metadata", "name")),
        Cells.text(Fields.text(namespace, "status", "phase")),
        Cells.text(Age.of(namespace, now)));
  }
}
