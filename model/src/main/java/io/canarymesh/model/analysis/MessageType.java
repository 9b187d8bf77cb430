package io.canarymesh.model.analysis;

import io.canarymesh.model.analysis.Finding.Level;

/**
 * The kinds of finding, with Istio's codes ({@code pkg/config/analysis/msg/messages.yaml}) where
 * Istio has an analyzer for the same problem, and message templates worded as Istio's.
 */
enum MessageType {
  INTERNAL_ERROR("IST0001", Level.ERROR, "Internal error: %s"),
  REFERENCED_RESOURCE_NOT_FOUND("IST0101", Level.ERROR, "Referenced %s not found: \"%s\""),
  /**
   * Istio rates this an Error; we warn, since we look at pod templates rather than running pods and
   * a subset may be defined ahead of the Deployment it will select.
   */
  DESTINATION_RULE_SUBSET_NOT_SELECT_PODS(
      "IST0173",
      Level.WARNING,
      "The Subset %s defined in the DestinationRule does not select any pods. Which may lead to"
          + " 503 UH (NoHealthyUpstream)."),
  UNKNOWN_DESTINATION_RULE_HOST(
      "IST0174",
      Level.WARNING,
      "The host %s defined in the DestinationRule does not match any services in the mesh."),
  /**
   * Ours (Istio has no such analyzer). A warning only: containerPort is informational, traffic
   * still goes to the targetPort, but a mismatch usually means the Service points at the wrong
   * port.
   */
  SERVICE_TARGET_PORT_NOT_DECLARED(
      "CM0001",
      Level.WARNING,
      "Service port %s (port %d) targets port %s, which is not a containerPort of %s"
          + " (containerPorts: %s)");

  final String code;
  final Level level;
  private final String template;

  MessageType(String code, Level level, String template) {
    this.code = code;
    this.level = level;
    this.template = template;
  }

  Finding finding(String resource, Object... args) {
    return new Finding(level, code, resource, String.format(template, args));
  }
}
