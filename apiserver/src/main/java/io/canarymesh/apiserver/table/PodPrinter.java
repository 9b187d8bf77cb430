package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE; wide IP NODE NOMINATED NODE READINESS
 * GATES.
 */
final class PodPrinter implements Printer {
  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Ready", "Containers ready out of containers in the pod."),
          Column.text("Status", "The aggregate status of the pod's containers."),
          Column.text("Restarts", "Container restarts, and how long ago the last one was."),
          Column.age(),
          Column.text("IP", "The pod's IP address.").wide(),
          Column.text("Node", "The node the pod runs on.").wide(),
          Column.text("Nominated Node", "The node the scheduler nominated for the pod.").wide(),
          Column.text("Readiness Gates", "Readiness gates that are true, out of all.").wide());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<JsonNode> cells(JsonNode pod, Instant now) {
    PodStatusSummary summary = PodStatusSummary.of(pod);
    return List.of(
        Cells.text(Fields.text(pod, "metadata", "name")),
        Cells.text(summary.ready() + "/" + summary.total()),
        Cells.text(summary.reason()),
        Cells.text(summary.restartsText(now)),
        Cells.text(Age.of(pod, now)),
        Cells.text(orNone(podIp(pod))),
        Cells.text(orNone(Fields.text(pod, "spec", "nodeName"))),
        Cells.text(orNone(Fields.text(pod, "status", "nominatedNodeName"))),
        Cells.text(readinessGates(pod)));
  }

  /** Finished pods carry a {@code Completed} row condition, as kube-apiserver sends. */
  @Override
  public List<JsonNode> conditions(JsonNode pod) {
    return switch (Fields.text(pod, "status", "phase")) {
      case "Succeeded" -> List.of(completed("Succeeded", "The pod has completed successfully."));
      case "Failed" -> List.of(completed("Failed", "The pod failed."));
      default -> List.of();
    };
  }

  /**
   * The first of {@code status.podIPs}; a pod that only has {@code status.podIP} reads the same, as
   * the v1-to-internal conversion fills {@code podIPs} from it.
   */
  private static String podIp(JsonNode pod) {
    List<JsonNode> podIps = Fields.elements(pod, "status", "podIPs");
    return podIps.isEmpty()
        ? Fields.text(pod, "status", "podIP")
        : Fields.text(podIps.get(0), "ip");
  }

  /** {@code 1/2}: gates whose condition is True, out of all gates; {@code <none>} without any. */
  private static String readinessGates(JsonNode pod) {
    List<JsonNode> gates = Fields.elements(pod, "spec", "readinessGates");
    if (gates.isEmpty()) {
      return LabelText.NONE;
    }
    List<JsonNode> conditions = Fields.elements(pod, "status", "conditions");
    long trueGates =
        gates.stream()
            .map(gate -> Fields.text(gate, "conditionType"))
            .filter(type -> firstConditionIsTrue(conditions, type))
            .count();
    return trueGates + "/" + gates.size();
  }

  private static boolean firstConditionIsTrue(List<JsonNode> conditions, String type) {
    return conditions.stream()
        .filter(c -> Fields.text(c, "type").equals(type))
        .findFirst()
        .map(c -> Fields.text(c, "status").equals("True"))
        .orElse(false);
  }

  private static JsonNode completed(String reason, String message) {
    ObjectNode condition = JsonNodeFactory.instance.objectNode();
    condition.put("type", "Completed");
    condition.put("status", "True");
    condition.put("reason", reason);
    condition.put("message", message);
    return condition;
  }

  private static String orNone(String value) {
    return value.isEmpty() ? LabelText.NONE : value;
  }
}
