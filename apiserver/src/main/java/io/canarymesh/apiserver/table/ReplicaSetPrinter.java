package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get replicasets}: NAME DESIRED CURRENT READY AGE; wide CONTAINERS IMAGES SELECTOR.
 */
final class ReplicaSetPrinter implements Printer {
  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.integer("Desired", "Pods desired (spec.replicas)."),
          Column.integer("Current", "Pods that exist (status.replicas)."),
          Column.integer("Ready", "Pods that are ready (status.readyReplicas)."),
          Column.age(),
          Column.text("Containers", "Names of each container in the template.").wide(),
          Column.text("Images", "Images referenced by each container in the template.").wide(),
          Column.text("Selector", "The label selector of the replica set's pods.").wide());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<JsonNode> cells(JsonNode replicaSet, Instant now) {
    return List.of(
        Cells.text(Fields.text(replicaSet, "metadata", "name")),
        Cells.integer(Fields.optionalInteger(replicaSet, "spec", "replicas").orElse(1L)),
        Cells.integer(Fields.integer(replicaSet, "status", "replicas")),
        Cells.integer(Fields.integer(replicaSet, "status", "readyReplicas")),
        Cells.text(Age.of(replicaSet, now)),
        Cells.text(PodTemplateText.containerNames(replicaSet)),
        Cells.text(PodTemplateText.images(replicaSet)),
        Cells.text(LabelText.formatSelector(replicaSet.path("spec").path("selector"))));
  }
}
