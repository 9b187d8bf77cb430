package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tables of custom resources as apiextensions-apiserver builds them from {@code
 * additionalPrinterColumns}: NAME, then one cell per column. A {@code string} column prints a
 * scalar as is and a list or map as compact JSON, which is why {@code kubectl get virtualservices}
 * shows GATEWAYS as {@code ["micro-gateway"]}; a {@code date} column prints an age; a missing value
 * is a null cell.
 */
final class CustomResourcePrinter implements Printer {
  /** A CRD without printer columns: NAME and AGE. */
  static final CustomResourcePrinter DEFAULT =
      new CustomResourcePrinter(List.of(PrinterColumn.age()));

  private final List<PrinterColumn> printerColumns;
  private final List<Column> columns;

  CustomResourcePrinter(List<PrinterColumn> printerColumns) {
    this.printerColumns = List.copyOf(printerColumns);
    List<Column> all = new ArrayList<>();
    all.add(Column.objectName());
    printerColumns.forEach(column -> all.add(column.column()));
    this.columns = List.copyOf(all);
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public List<JsonNode> cells(JsonNode object, Instant now) {
    List<JsonNode> cells = new ArrayList<>();
    cells.add(Cells.text(Fields.text(object, "metadata", "name")));
    for (PrinterColumn column : printerColumns) {
      JsonNode value = Fields.at(object, column.path().toArray(String[]::new));
      cells.add(value.isMissingNode() || value.isNull() ? Cells.none() : cell(column, value, now));
    }
    return cells;
  }

  private static JsonNode cell(PrinterColumn column, JsonNode value, Instant now) {
    return switch (column.type()) {
      case Column.STRING -> Cells.text(value.isContainerNode() ? value.toString() : value.asText());
      case Column.INTEGER -> value.isNumber() ? Cells.integer(value.asLong()) : Cells.none();
      case Column.DATE -> value.isTextual() ? Cells.text(date(value.asText(), now)) : Cells.none();
      default -> Cells.none();
    };
  }

  /** An age, {@code <invalid>} for text that is not a timestamp. */
  private static String date(String text, Instant now) {
    Optional<Instant> timestamp = Fields.instant(Cells.text(text));
    if (timestamp.isEmpty()) {
      return text.isEmpty() ? Age.UNKNOWN : "<invalid>";
    }
    return Age.since(timestamp.get(), now);
  }
}
