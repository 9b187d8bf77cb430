package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One {@code columnDefinitions} entry of a Table. kubectl upper-cases {@code name} for the header
 * and hides columns of priority above 0 unless {@code -o wide}.
 *
 * @param name as kube-apiserver names it, e.g. {@code Up-to-date}
 * @param type {@code string}, {@code integer} or (CRD columns) {@code date}
 * @param format {@code name} for the object's name column, else empty
 * @param description what the column shows
 * @param priority 0 for the default columns, 1 for wide ones
 */
record Column(String name, String type, String format, String description, int priority) {
  static final String STRING = "string";
  static final String INTEGER = "integer";
  static final String DATE = "date";

  /** The NAME column every table starts with. */
  static Column objectName() {
    return new Column(
        "Name", STRING, "name", "Name of the object, unique among objects of its kind.", 0);
  }

  /** The AGE column of the built-in printers (CRD tables use a {@code date} column instead). */
  static Column age() {
    return text("Age", "Time since the object was created (metadata.creationTimestamp).");
  }

  static Column text(String name, String description) {
    return new Column(name, STRING, "", description, 0);
  }

  static Column integer(String name, String description) {
    return new Column(name, INTEGER, "", description, 0);
  }

  /** This column, shown only with {@code -o wide}. */
  Column wide() {
    return new Column(name, type, format, description, 1);
  }

  ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("name", name);
    json.put("type", type);
    json.put("format", format);
    json.put("description", description);
    json.put("priority", priority);
    return json;
  }
}
