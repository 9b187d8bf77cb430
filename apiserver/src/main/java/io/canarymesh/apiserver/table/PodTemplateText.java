package io.canarymesh.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Collectors;

/**
 * The CONTAINERS and IMAGES cells of workloads ({@code layoutContainerCells}): every container of
 * the pod template on one line, comma-separated, in template order.
 */
final class PodTemplateText {
  private PodTemplateText() {}

  static String containerNames(JsonNode workload) {
    return join(workload, "name");
  }

  static String images(JsonNode workload) {
    return join(workload, "image");
  }

  private static String join(JsonNode workload, String field) {
    return Fields.elements(workload, "spec", "template", "spec", "containers").stream()
        .map(container -> Fields.text(container, field))
        .collect(Collectors.joining(","));
  }
}
