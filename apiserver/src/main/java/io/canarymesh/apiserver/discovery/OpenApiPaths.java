package io.canarymesh.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI v3 path items of one resource, named and shaped like kube-apiserver's:
 *
 * <pre>{@code
 * /apis/apps/v1/namespaces/{namespace}/deployments          get (list) · post · delete (collection)
 * /apis/apps/v1/namespaces/{namespace}/deployments/{name}   get · put · patch · delete
 * /apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale    get · put · patch  (autoscaling/v1 Scale)
 * /apis/apps/v1/namespaces/{namespace}/deployments/{name}/status   get · put · patch
 * /apis/apps/v1/deployments                                  get (list across namespaces)
 * /api/v1/namespaces · /api/v1/namespaces/{name}             cluster-scoped forms
 * }</pre>
 *
 * Every operation carries {@code x-kubernetes-action} and {@code x-kubernetes-group-version-kind}.
 * Every PATCH declares {@code fieldValidation}: cli-runtime stops at the first PATCH it finds for a
 * kind (in Go map order), so a status PATCH without it would make validation flaky. No operation
 * declares a request body: with one naming {@code strategic-merge-patch+json}, kubectl would build
 * client-side-apply patches from schemas we do not serve; without one it uses its compiled-in
 * knowledge (strategic merge for core and apps kinds, JSON merge patch for Istio's). Responses are
 * declared without content for the same reason, so no {@code components} are needed.
 */
final class OpenApiPaths {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OpenApiPaths() {}

  static Map<String, ObjectNode> of(ServedResource resource) {
    Map<String, ObjectNode> paths = new LinkedHashMap<>();
    String prefix = "/" + resource.groupVersion().path();
    String collection =
        prefix + (resource.namespaced() ? "/namespaces/{namespace}/" : "/") + resource.plural();
    String item = collection + "/{name}";
    paths.put(collection, collection(resource));
    paths.put(item, item(resource));
    for (ServedSubresource subresource : resource.subresources()) {
      paths.put(item + "/" + subresource.name(), subresource(resource, subresource));
    }
    if (resource.namespaced() && resource.verbs().contains("list")) {
      paths.put(prefix + "/" + resource.plural(), allNamespaces(resource));
    }
    return paths;
  }

  private static ObjectNode collection(ServedResource resource) {
    Operations operations = new Operations(resource, resource.gvk(), "");
    ObjectNode path = JSON.objectNode();
    if (resource.verbs().contains("list")) {
      path.set("get", operations.build("list", "list", OpenApiParameters.list()));
    }
    if (resource.verbs().contains("create")) {
      path.set("post", operations.build("create", "post", OpenApiParameters.write()));
    }
    if (resource.verbs().contains("deletecollection")) {
      path.set(
          "delete",
          operations.build(
              "deleteCollection", "deletecollection", OpenApiParameters.deleteCollection()));
    }
    return withPathParameters(path, resource, false);
  }

  private static ObjectNode item(ServedResource resource) {
    Operations operations = new Operations(resource, resource.gvk(), "");
    ObjectNode path = JSON.objectNode();
    List<String> verbs = resource.verbs();
    if (verbs.contains("get")) {
      path.set("get", operations.build("read", "get", List.of()));
    }
    if (verbs.contains("update")) {
      path.set("put", operations.build("replace", "put", OpenApiParameters.write()));
    }
    if (verbs.contains("delete")) {
      path.set("delete", operations.build("delete", "delete", OpenApiParameters.delete()));
    }
    if (verbs.contains("patch")) {
      path.set("patch", operations.build("patch", "patch", OpenApiParameters.patch()));
    }
    return withPathParameters(path, resource, true);
  }

  private static ObjectNode subresource(ServedResource resource, ServedSubresource subresource) {
    String suffix = capitalize(subresource.name());
    Operations operations = new Operations(resource, subresource.responseKind(), suffix);
    ObjectNode path = JSON.objectNode();
    List<String> verbs = subresource.verbs();
    if (verbs.contains("get")) {
      List<ObjectNode> parameters =
          subresource.name().equals("log") ? OpenApiParameters.log() : List.of();
      path.set("get", operations.build("read", "get", parameters));
    }
    if (verbs.contains("create")) {
      path.set("post", operations.build("create", "post", OpenApiParameters.write()));
    }
    if (verbs.contains("update")) {
      path.set("put", operations.build("replace", "put", OpenApiParameters.write()));
    }
    if (verbs.contains("patch")) {
      path.set("patch", operations.build("patch", "patch", OpenApiParameters.patch()));
    }
    return withPathParameters(path, resource, true);
  }

  private static ObjectNode allNamespaces(ServedResource resource) {
    String operationId =
        "list" + resource.groupVersion().operationIdPart() + resource.kind() + "ForAllNamespaces";
    ObjectNode path = JSON.objectNode();
    path.set(
        "get",
        Operations.operation(
            operationId,
            "list",
            resource.gvk(),
            OpenApiParameters.list(),
            "list " + resource.kind()));
    path.putArray("parameters").add(OpenApiParameters.pretty());
    return path;
  }

  private static ObjectNode withPathParameters(
      ObjectNode path, ServedResource resource, boolean item) {
    ArrayNode parameters = path.putArray("parameters");
    if (item) {
      parameters.add(OpenApiParameters.name());
    }
    if (resource.namespaced()) {
      parameters.add(OpenApiParameters.namespace());
    }
    parameters.add(OpenApiParameters.pretty());
    return path;
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /**
   * Operations on one path, with kube-apiserver's operation ids: {@code
   * patchAppsV1NamespacedDeployment}, {@code readCoreV1NamespacedPodLog}, {@code
   * replaceCoreV1NamespaceStatus}.
   */
  private record Operations(ServedResource resource, Gvk gvk, String suffix) {

    ObjectNode build(String verb, String action, List<ObjectNode> parameters) {
      String operationId =
          verb
              + resource.groupVersion().operationIdPart()
              + (resource.namespaced() ? "Namespaced" : "")
              + resource.kind()
              + suffix;
      String description = action + " " + resource.kind() + (suffix.isEmpty() ? "" : " " + suffix);
      return operation(operationId, action, gvk, parameters, description);
    }

    static ObjectNode operation(
        String operationId,
        String action,
        Gvk gvk,
        List<ObjectNode> parameters,
        String description) {
      ObjectNode operation = JSON.objectNode();
      operation.put("description", description);
      operation.put("operationId", operationId);
      if (!parameters.isEmpty()) {
        operation.putArray("parameters").addAll(new ArrayList<>(parameters));
      }
      operation.set("responses", responses(action));
      operation.put("x-kubernetes-action", action);
      operation.set("x-kubernetes-group-version-kind", gvk.toJson());
      return operation;
    }

    private static ObjectNode responses(String action) {
      ObjectNode responses = JSON.objectNode();
      responses.putObject("200").put("description", "OK");
      switch (action) {
        case "post" -> {
          responses.putObject("201").put("description", "Created");
          responses.putObject("202").put("description", "Accepted");
        }
        case "put", "patch" -> responses.putObject("201").put("description", "Created");
        case "delete", "deletecollection" ->
            responses.putObject("202").put("description", "Accepted");
        default -> {}
      }
      responses.putObject("401").put("description", "Unauthorized");
      return responses;
    }
  }
}
