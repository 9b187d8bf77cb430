package io.canarymesh.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Service;

/**
 * The split between a resource and its {@code status} subresource, as kube-apiserver's update
 * strategies keep it: writes to the main resource cannot change status, writes to {@code /status}
 * change nothing else.
 */
final class Subresources {
  private Subresources() {}

  /** A main-resource write: {@code next} keeps the stored status. */
  static void keepStatus(ObjectNode stored, ObjectNode next) {
    JsonNode status = stored.get("status");
    if (status == null) {
      next.remove("status");
    } else {
      next.set("status", status.deepCopy());
    }
  }

  /** A status write: the stored object with {@code next}'s status (and its resourceVersion). */
  static ObjectNode statusOnly(ObjectNode stored, ObjectNode next) {
    ObjectNode result = stored.deepCopy();
    JsonNode status = next.get("status");
    if (status == null) {
      result.remove("status");
    } else {
      result.set("status", status.deepCopy());
    }
    JsonNode version = next.path("metadata").get("resourceVersion");
    if (version != null) {
      ((ObjectNode) result.get("metadata")).set("resourceVersion", version);
    }
    return result;
  }

  /**
   * A Service keeps its allocated cluster IP when an update leaves it unset (as kubectl apply
   * does).
   */
  static void keepClusterIp(Service before, Service after) {
    if (after.getSpec() == null || before.getSpec() == null) {
      return;
    }
    String ip = after.getSpec().getClusterIP();
    if (ip == null || ip.isEmpty()) {
      after.getSpec().setClusterIP(before.getSpec().getClusterIP());
      after.getSpec().setClusterIPs(before.getSpec().getClusterIPs());
    }
    var oldPorts = before.getSpec().getPorts();
    for (var port : after.getSpec().getPorts()) {
      if (port.getNodePort() == null || port.getNodePort() == 0) {
        oldPorts.stream()
            .filter(p -> p.getPort().equals(port.getPort()) && p.getNodePort() != null)
            .findFirst()
            .ifPresent(p -> port.setNodePort(p.getNodePort()));
      }
    }
  }
}
