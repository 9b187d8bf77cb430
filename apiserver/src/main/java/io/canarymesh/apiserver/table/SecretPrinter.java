package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get secrets}: NAME TYPE DATA AGE, DATA counting the keys of {@code data}. */
final class SecretPrinter implements Printer {
  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Type", "The type of the secret, e.g. Opaque."),
          Column.text("Data", "Number of keys in the secret."),
          Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<JsonNode> cells(JsonNode secret, Instant now) {
    return List.of(
        Cells.text(Fields.text(secret, "metadata", "name")),
        Cells.text(type(secret)),
        Cells.integer(Fields.size(secret, "data")),
        Cells.text(Age.of(secret, now)));
  }

  /** {@code type}; stored secrets are defaulted, so an absent type is Opaque. */
  private static String type(JsonNode secret) {
    String type = Fields.text(secret, "type");
    return type.isEmpty() ? "Opaque" : type;
  }
}
