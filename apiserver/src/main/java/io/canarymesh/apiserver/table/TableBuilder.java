package io.canarymesh.apiserver.table;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.model.Kind;
import java.time.Instant;
import java.util.List;

/**
 * Builds the {@code meta.k8s.io/v1} Table that kubectl asks for with {@code Accept:
 * application/json;as=Table;v=v1;g=meta.k8s.io}:
 *
 * <pre>{@code
 * {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"42"},
 *  "columnDefinitions":[{"name":"Name","type":"string","format":"name","description":"…","priority":0},…],
 *  "rows":[{"cells":["micro-api","3/3",3,3,"5m"],
 *           "object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{…}}}]}
 * }</pre>
 *
 * Wide cells are always sent (kubectl hides priority-1 columns unless {@code -o wide}); each row
 * carries the object's full metadata, which {@code --show-labels} reads.
 */
public final class TableBuilder {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String META_V1 = "meta.k8s.io/v1";

  private TableBuilder() {}

  /**
   * The table of {@code objects} of {@code kind} as of {@code now}.
   *
   * @param objects stored objects as JSON trees ({@code metadata}, {@code spec}, {@code status}),
   *     in the order to print; one object for a single GET or a watch event
   * @param resourceVersion of the list (or of the single object); omitted when empty
   */
  public static ObjectNode table(
      Kind kind, List<JsonNode> objects, String resourceVersion, Instant now) {
    requireNonNull(kind, "kind");
    requireNonNull(objects, "objects");
    requireNonNull(resourceVersion, "resourceVersion");
    requireNonNull(now, "now");
    Printer printer = Printers.forKind(kind);
    ObjectNode table = JSON.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", META_V1);
    ObjectNode metadata = table.putObject("metadata");
    if (!resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
    ArrayNode columns = table.putArray("columnDefinitions");
    printer.columns().forEach(column -> columns.add(column.toJson()));
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      rows.add(row(printer, requireNonNull(object, "object"), now));
    }
    return table;
  }

  private static ObjectNode row(Printer printer, JsonNode object, Instant now) {
    List<JsonNode> cells = printer.cells(object, now);
    if (cells.size() != printer.columns().size()) {
      throw new IllegalStateException(
          "printer gave " + cells.size() + " cells for " + printer.columns().size() + " columns");
    }
    ObjectNode row = JSON.objectNode();
    row.putArray("cells").addAll(cells);
    List<JsonNode> conditions = printer.conditions(object);
    if (!conditions.isEmpty()) {
      row.putArray("conditions").addAll(conditions);
    }
    row.set("object", partialObjectMetadata(object));
    return row;
  }

  /** What kubectl sees of the object: its metadata, labels included, nothing else. */
  private static ObjectNode partialObjectMetadata(JsonNode object) {
    ObjectNode partial = JSON.objectNode();
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", META_V1);
    JsonNode metadata = object.path("metadata");
    partial.set("metadata", metadata.isObject() ? metadata.deepCopy() : JSON.objectNode());
    return partial;
  }
}
