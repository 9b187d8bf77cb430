package io.canarymesh.apiserver.discovery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A group, version and kind: what a discovery entry or an OpenAPI operation returns. */
record Gvk(String group, String version, String kind) {

  static Gvk of(GroupVersion groupVersion, String kind) {
    return new Gvk(groupVersion.group(), groupVersion.version(), kind);
  }

  boolean inGroupVersion(GroupVersion groupVersion) {
    return group.equals(groupVersion.group()) && version.equals(groupVersion.version());
  }

  /** {@code {"group":"apps","version":"v1","kind":"Deployment"}}, in Go's field order. */
  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("group", group);
    node.put("version", version);
    node.put("kind", kind);
    return node;
  }
}
