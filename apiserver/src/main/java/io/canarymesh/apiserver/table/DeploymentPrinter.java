package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get deployments}: NAME READY UP-TO-DATE AVAILABLE AGE; wide CONTAINERS IMAGES
 * SELECTOR. READY is {@code status.readyReplicas/spec.replicas}, so a paused canary with 4 ready
 * pods of 3 desired reads {@code 4/3}. UP-TO-DATE and AVAILABLE are integer cells under columns
 * kube declares as {@code string}.
 */
final class DeploymentPrinter implements Printer {
  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Ready", "Pods ready out of pods desired."),
          Column.text("Up-to-date", "Pods that run the current pod template."),
          Column.text("Available", "Pods available to serve (ready for minReadySeconds)."),
          Column.age(),
          Column.text("Containers", "Names of each container in the template.").wide(),
          Column.text("Images", "Images referenced by each container in the template.").wide(),
          Column.text("Selector", "The label selector of the deployment's pods.").wide());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<JsonNode> cells(JsonNode deployment, Instant now) {
    long desired = Fields.optionalInteger(deployment, "spec", "replicas").orElse(1L);
    long ready = Fields.integer(deployment, "status", "readyReplicas");
    String selector =
        LabelText.selector(deployment.path("spec").path("selector")).orElse("<invalid>");
    return List.of(
        Cells.text(Fields.text(deployment, "metadata", "name")),
        Cells.text(ready + "/" + desired),
        Cells.integer(Fields.integer(deployment, "status", "updatedReplicas")),
        Cells.integer(Fields.integer(deployment, "status", "availableReplicas")),
        Cells.text(Age.of(deployment, now)),
        Cells.text(PodTemplateText.containerNames(deployment)),
        Cells.text(PodTemplateText.images(deployment)),
        Cells.text(selector));
  }
}
