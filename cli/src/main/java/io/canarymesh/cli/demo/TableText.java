package io.canarymesh.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A server-side Table (meta.k8s.io/v1) printed as kubectl prints it: upper-case headers, columns of
 * priority 0 (all with {@code -o wide}), {@code LABELS} last with {@code --show-labels}, three
 * spaces between left-aligned columns.
 */
final class TableText {
  private TableText() {}

  static String render(JsonNode table, boolean wide, boolean showLabels) {
    List<Integer> shown = new ArrayList<>();
    List<List<String>> lines = new ArrayList<>();
    List<String> header = new ArrayList<>();
    JsonNode definitions = table.path("columnDefinitions");
    for (int i = 0; i < definitions.size(); i++) {
      if (wide || definitions.get(i).path("priority").asInt(0) == 0) {
        shown.add(i);
        header.add(definitions.get(i).path("name").asText().toUpperCase(java.util.Locale.ROOT));
      }
    }
    if (showLabels) {
      header.add("LABELS");
    }
    if (table.path("rows").isEmpty()) {
      return "No resources found in default namespace.\n";
    }
    lines.add(header);
    for (JsonNode row : table.path("rows")) {
      List<String> line = new ArrayList<>();
      for (int i : shown) {
        line.add(cell(row.path("cells").get(i)));
      }
      if (showLabels) {
        line.add(labels(row.path("object").path("metadata").path("labels")));
      }
      lines.add(line);
    }
    return align(lines);
  }

  private static String cell(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "<none>";
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static String labels(JsonNode labels) {
    Map<String, String> sorted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      sorted.put(entry.getKey(), entry.getValue().asText());
    }
    if (sorted.isEmpty()) {
      return "<none>";
    }
    StringBuilder text = new StringBuilder();
    sorted.forEach(
        (k, v) -> text.append(text.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return text.toString();
  }

  private static String align(List<List<String>> lines) {
    int columns = lines.get(0).size();
    int[] widths = new int[columns];
    for (List<String> line : lines) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> line : lines) {
      for (int i = 0; i < columns; i++) {
        String value = line.get(i);
        text.append(value);
        if (i < columns - 1) {
          text.append(" ".repeat(widths[i] - value.length() + 3));
        }
      }
      text.append('\n');
    }
    return text.toString();
  }
}
