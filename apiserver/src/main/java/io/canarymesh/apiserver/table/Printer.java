package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Turns objects of one kind into table cells. Wide (priority 1) cells are always included, as
 * kube-apiserver does: kubectl drops them itself unless {@code -o wide}.
 */
interface Printer {
  List<Column> columns();

  /** One cell per column: text, integer or null nodes. */
  List<JsonNode> cells(JsonNode object, Instant now);

  /** The row's {@code conditions}; only finished pods have any. */
  default List<JsonNode> conditions(JsonNode object) {
    return List.of();
  }
}
