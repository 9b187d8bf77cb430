package io.canarymesh.apiserver.discovery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI v3 stubs (KUBE-API.md §C): {@code GET /openapi/v3} lists every served group/version
 * with a content-hashed URL, and each group/version document declares its resource paths (see
 * {@link OpenApiPaths}). That is all {@code kubectl apply} needs to learn that the server supports
 * {@code fieldValidation} for every kind it applies; it then sends {@code fieldValidation=Strict}
 * and skips client-side schema validation. Leaving a group/version out makes kubectl look for a
 * CRD, then for OpenAPI v2, and fail with "failed to download openapi".
 *
 * <p>Only the group/versions that discovery lists are described. {@code autoscaling/v1} is not:
 * {@code Scale} appears only as the kind of the {@code /scale} operations inside {@code apps/v1},
 * as in kube-apiserver, and nobody applies a Scale from a file.
 *
 * <p>{@code components.schemas} is left out: apply never reads it when the server validates, and
 * {@code kubectl explain}, its only other reader, would need real schemas anyway (not served).
 */
final class OpenApiV3 {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OpenApiV3() {}

  /** The document for one group/version, paths sorted as Go would write them. */
  static ObjectNode document(ServedVersion version) {
    Map<String, ObjectNode> paths = new TreeMap<>();
    version.resources().forEach(resource -> paths.putAll(OpenApiPaths.of(resource)));
    ObjectNode document = JSON.objectNode();
    document.put("openapi", "3.0.0");
    ObjectNode info = document.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", VersionInfo.GIT_VERSION);
    ObjectNode pathsNode = document.putObject("paths");
    paths.forEach(pathsNode::set);
    return document;
  }

  /**
   * {@code {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=4F…"},…}}}.
   *
   * @param documents each group/version document by its path ({@code api/v1}, {@code apis/apps/v1})
   */
  static ObjectNode index(Map<String, ServedDocument> documents) {
    ObjectNode index = JSON.objectNode();
    ObjectNode paths = index.putObject("paths");
    new TreeMap<>(documents)
        .forEach(
            (path, document) ->
                paths
                    .putObject(path)
                    .put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + document.hash()));
    return index;
  }
}
