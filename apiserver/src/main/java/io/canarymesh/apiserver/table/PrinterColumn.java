package io.canarymesh.apiserver.table;

import java.util.Arrays;
import java.util.List;

/**
 * One {@code additionalPrinterColumns} entry of a CRD: a column whose cell is the value at a simple
 * JSON path such as {@code .spec.hosts}.
 *
 * @param name column name, e.g. {@code Hosts}
 * @param type {@code string}, {@code integer} or {@code date}
 * @param jsonPath dotted path from the object's root, e.g. {@code .spec.hosts}
 * @param description what the column shows
 */
record PrinterColumn(String name, String type, String jsonPath, String description) {

  static PrinterColumn text(String name, String jsonPath, String description) {
    return new PrinterColumn(name, Column.STRING, jsonPath, description);
  }

  /** The Age column a CRD gets, explicitly in Istio's CRDs and by default in all others. */
  static PrinterColumn age() {
    return new PrinterColumn(
        "Age",
        Column.DATE,
        ".metadata.creationTimestamp",
        "Time since the object was created (metadata.creationTimestamp).");
  }

  Column column() {
    return new Column(name, type, "", description, 0);
  }

  /** {@code .spec.hosts} → {@code [spec, hosts]}. */
  List<String> path() {
    return Arrays.stream(jsonPath.split("\\.")).filter(step -> !step.isEmpty()).toList();
  }
}
