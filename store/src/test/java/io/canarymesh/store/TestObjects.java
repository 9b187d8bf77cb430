package io.canarymesh.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small Kubernetes objects as JSON trees. */
final class TestObjects {

  private TestObjects() {}

  static ObjectNode json(String json) {
    return Json.parseObject(json.replace('\'', '"'));
  }

  /** A Deployment with one container running {@code image}. */
  static ObjectNode deployment(String image) {
    return json(
        """
        {'apiVersion': 'apps/v1', 'kind': 'Deployment',
         'metadata': {'labels': {'app': 'web'}},
         'spec': {'replicas': 1, 'selector': {'matchLabels': {'app': 'web'}},
                  'template': {'metadata': {'labels': {'app': 'web'}},
                               'spec': {'containers': [{'name': 'web', 'image': '%s'}]}}}}
        """
            .formatted(image));
  }

  static ObjectNode configMap(String value) {
    return json(
        "{'apiVersion': 'v1', 'kind': 'ConfigMap', 'data': {'value': '%s'}}".formatted(value));
  }

  static ObjectNode metadata(ObjectNode object) {
    return (ObjectNode) object.get("metadata");
  }

  static String resourceVersion(ObjectNode object) {
    return object.path("metadata").path("resourceVersion").asText();
  }
}
