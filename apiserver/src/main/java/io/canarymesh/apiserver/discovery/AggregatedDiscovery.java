package io.canarymesh.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Aggregated discovery ({@code apidiscovery.k8s.io} v2 and v2beta1, identical in shape): one {@code
 * APIGroupDiscoveryList} answers {@code /api} (the core group) or {@code /apis} (every other
 * group), so kubectl needs no per-version round trips.
 *
 * <pre>{@code
 * {"kind":"APIGroupDiscoveryList","apiVersion":"apidiscovery.k8s.io/v2","metadata":{},
 *  "items":[{"metadata":{"name":"apps"},"versions":[{"version":"v1","resources":[
 *    {"resource":"deployments","responseKind":{"group":"","version":"","kind":"Deployment"},
 *     "scope":"Namespaced","singularResource":"deployment","verbs":[…],"shortNames":["deploy"],
 *     "categories":["all"],"subresources":[{"subresource":"scale",
 *       "responseKind":{"group":"autoscaling","version":"v1","kind":"Scale"},
 *       "verbs":["get","patch","update"]},…]}],
 *   "freshness":"Current"}]}]}
 * }</pre>
 *
 * client-go drops a resource without {@code responseKind}. Like kube-apiserver, built-in kinds
 * leave the response group and version empty when they are the containing group/version's, while
 * custom resources (the Istio kinds) always spell them out, as the CRD handler does.
 */
final class AggregatedDiscovery {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private AggregatedDiscovery() {}

  static ObjectNode groupDiscoveryList(List<ServedGroup> groups, DiscoveryFormat format) {
    if (!format.aggregated()) {
      throw new IllegalArgumentException(format + " is not an aggregated discovery format");
    }
    ObjectNode list = JSON.objectNode();
    list.put("kind", "APIGroupDiscoveryList");
    list.put("apiVersion", format.apiVersion());
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    groups.forEach(group -> items.add(group(group)));
    return list;
  }

  private static ObjectNode group(ServedGroup group) {
    ObjectNode node = JSON.objectNode();
    ObjectNode metadata = node.putObject("metadata");
    if (!group.name().isEmpty()) {
      metadata.put("name", group.name());
    }
    ArrayNode versions = node.putArray("versions");
    for (ServedVersion version : group.versions()) {
      ObjectNode versionNode = versions.addObject();
      versionNode.put("version", version.groupVersion().version());
      ArrayNode resources = versionNode.putArray("resources");
      version.resources().forEach(resource -> resources.add(resource(resource)));
      versionNode.put("freshness", "Current");
    }
    return node;
  }

  private static ObjectNode resource(ServedResource resource) {
    ObjectNode node = JSON.objectNode();
    node.put("resource", resource.plural());
    node.set("responseKind", responseKind(resource, resource.gvk()));
    node.put("scope", resource.namespaced() ? "Namespaced" : "Cluster");
    node.put("singularResource", resource.singular());
    strings(node, "verbs", resource.verbs());
    if (!resource.shortNames().isEmpty()) {
      strings(node, "shortNames", resource.shortNames());
    }
    if (!resource.categories().isEmpty()) {
      strings(node, "categories", resource.categories());
    }
    if (!resource.subresources().isEmpty()) {
      ArrayNode subresources = node.putArray("subresources");
      for (ServedSubresource subresource : resource.subresources()) {
        ObjectNode sub = subresources.addObject();
        sub.put("subresource", subresource.name());
        sub.set("responseKind", responseKind(resource, subresource.responseKind()));
        strings(sub, "verbs", subresource.verbs());
      }
    }
    return node;
  }

  private static ObjectNode responseKind(ServedResource resource, Gvk gvk) {
    if (resource.customResource() || !gvk.inGroupVersion(resource.groupVersion())) {
      return gvk.toJson();
    }
    return new Gvk("", "", gvk.kind()).toJson();
  }

  private static void strings(ObjectNode node, String field, List<String> values) {
    ArrayNode array = node.putArray(field);
    values.forEach(array::add);
  }
}
