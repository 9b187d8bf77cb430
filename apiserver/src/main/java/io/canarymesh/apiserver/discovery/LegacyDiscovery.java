package io.canarymesh.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Legacy (pre-aggregated) discovery, as kube-apiserver 1.32 writes it:
 *
 * <pre>{@code
 * GET /api                → {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[…]}
 * GET /apis               → {"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"apps",…}]}
 * GET /apis/apps          → {"kind":"APIGroup","apiVersion":"v1","name":"apps",…}
 * GET /api/v1             → {"kind":"APIResourceList","groupVersion":"v1","resources":[…]}
 * GET /apis/apps/v1       → {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"apps/v1",…}
 * }</pre>
 *
 * Quirks kept on purpose: {@code /api} and {@code /api/v1} carry no {@code apiVersion}; every
 * subresource is its own entry ({@code deployments/scale} with group {@code autoscaling}, version
 * {@code v1}, kind {@code Scale}) whose {@code singularName} is {@code ""}; group and version are
 * written only when they differ from the list's.
 */
final class LegacyDiscovery {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private LegacyDiscovery() {}

  static ObjectNode apiVersions(List<String> coreVersions, String serverAddress) {
    ObjectNode versions = JSON.objectNode();
    versions.put("kind", "APIVersions");
    ArrayNode names = versions.putArray("versions");
    coreVersions.forEach(names::add);
    ObjectNode address = versions.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put("serverAddress", serverAddress);
    return versions;
  }

  static ObjectNode apiGroupList(List<ServedGroup> groups) {
    ObjectNode list = JSON.objectNode();
    list.put("kind", "APIGroupList");
    list.put("apiVersion", "v1");
    ArrayNode items = list.putArray("groups");
    groups.forEach(group -> items.add(groupBody(JSON.objectNode(), group)));
    return list;
  }

  static ObjectNode apiGroup(ServedGroup group) {
    ObjectNode node = JSON.objectNode();
    node.put("kind", "APIGroup");
    node.put("apiVersion", "v1");
    return groupBody(node, group);
  }

  static ObjectNode apiResourceList(ServedVersion version) {
    ObjectNode list = JSON.objectNode();
    list.put("kind", "APIResourceList");
    if (!version.groupVersion().group().isEmpty()) {
      list.put("apiVersion", "v1");
    }
    list.put("groupVersion", version.groupVersion().apiVersion());
    ArrayNode resources = list.putArray("resources");
    for (ServedResource resource : version.resources()) {
      resources.add(resource(resource));
      resource.subresources().forEach(sub -> resources.add(subresource(resource, sub)));
    }
    return list;
  }

  private static ObjectNode groupBody(ObjectNode node, ServedGroup group) {
    node.put("name", group.name());
    ArrayNode versions = node.putArray("versions");
    group.versions().forEach(version -> versions.add(groupVersionForDiscovery(version)));
    node.set("preferredVersion", groupVersionForDiscovery(group.preferred()));
    return node;
  }

  private static ObjectNode groupVersionForDiscovery(ServedVersion version) {
    ObjectNode node = JSON.objectNode();
    node.put("groupVersion", version.groupVersion().apiVersion());
    node.put("version", version.groupVersion().version());
    return node;
  }

  private static ObjectNode resource(ServedResource resource) {
    ObjectNode node = JSON.objectNode();
    node.put("name", resource.plural());
    node.put("singularName", resource.singular());
    node.put("namespaced", resource.namespaced());
    node.put("kind", resource.kind());
    strings(node, "verbs", resource.verbs());
    if (!resource.shortNames().isEmpty()) {
      strings(node, "shortNames", resource.shortNames());
    }
    if (!resource.categories().isEmpty()) {
      strings(node, "categories", resource.categories());
    }
    node.put("storageVersionHash", resource.storageVersionHash());
    return node;
  }

  private static ObjectNode subresource(ServedResource parent, ServedSubresource subresource) {
    ObjectNode node = JSON.objectNode();
    node.put("name", parent.plural() + "/" + subresource.name());
    node.put("singularName", "");
    node.put("namespaced", parent.namespaced());
    Gvk responseKind = subresource.responseKind();
    if (!responseKind.inGroupVersion(parent.groupVersion())) {
      node.put("group", responseKind.group());
      node.put("version", responseKind.version());
    }
    node.put("kind", responseKind.kind());
    strings(node, "verbs", subresource.verbs());
    return node;
  }

  private static void strings(ObjectNode node, String field, List<String> values) {
    ArrayNode array = node.putArray(field);
    values.forEach(array::add);
  }
}
