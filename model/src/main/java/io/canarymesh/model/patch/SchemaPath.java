package io.canarymesh.model.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * A position in an object as {@link PatchSchema} names it: field names from the root, list indices
 * skipped. Prints dotted ({@code spec.template.spec.containers}) for error messages.
 */
record SchemaPath(List<String> names) {
  static final SchemaPath ROOT = new SchemaPath(List.of());

  SchemaPath {
    names = List.copyOf(names);
  }

  SchemaPath child(String name) {
    List<String> longer = new ArrayList<>(names.size() + 1);
    longer.addAll(names);
    longer.add(name);
    return new SchemaPath(longer);
  }

  /** {@code map "spec.strategy"}, or {@code the root map} for the whole object. */
  String describeMap() {
    return names.isEmpty() ? "the root map" : "map \"" + this + "\"";
  }

  @Override
  public String toString() {
    return String.join(".", names);
  }
}
