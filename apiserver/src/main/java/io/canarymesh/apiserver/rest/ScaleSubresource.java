package io.canarymesh.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.model.codec.ResourceJson;
import io.canarymesh.model.selector.LabelSelector;

/**
 * The {@code /scale} subresource of Deployments and ReplicaSets: an autoscaling/v1 {@code Scale}
 * view of {@code spec.replicas}, which {@code kubectl scale} patches (KUBE-API.md §B.7).
 */
final class ScaleSubresource {

  ObjectNode view(ObjectNode stored) {
    ObjectNode scale = JsonNodeFactory.instance.objectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    JsonNode source = stored.path("metadata");
    for (String field :
        new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (source.has(field)) {
        meta.set(field, source.get(field));
      }
    }
    scale.putObject("spec").put("replicas", stored.path("spec").path("replicas").asInt(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", stored.path("status").path("replicas").asInt(0));
    JsonNode selector = stored.path("spec").path("selector");
    if (!selector.isMissingNode()) {
      var typed =
          ResourceJson.mapper()
              .convertValue(selector, io.fabric8.kubernetes.api.model.LabelSelector.class);
      status.put("selector", LabelSelector.fromFabric8(typed).toString());
    }
    return scale;
  }

  /** The stored object with the replicas the desired Scale asks for. */
  ObjectNode apply(ObjectNode stored, ObjectNode desiredScale) {
    JsonNode replicas = desiredScale.path("spec").path("replicas");
    if (!replicas.isInt() || replicas.asInt() < 0) {
      throw new ApiException(
          422,
          "Invalid",
          "Scale.autoscaling \""
              + stored.path("metadata").path("name").asText()
              + "\" is invalid: spec.replicas: Invalid value: "
              + replicas
              + ": must be greater than or equal to 0",
          null);
    }
    ObjectNode next = stored.deepCopy();
    ((ObjectNode) next.get("spec")).put("replicas", replicas.asInt());
    return next;
  }
}
