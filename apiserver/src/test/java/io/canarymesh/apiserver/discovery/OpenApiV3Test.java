package io.canarymesh.apiserver.discovery;

import static io.canarymesh.apiserver.discovery.Documents.STANDARD;
import static io.canarymesh.apiserver.discovery.Documents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenApiV3Test {

  @Test
  void indexListsEveryServedGroupVersionAndNothingElse() {
    JsonNode paths = STANDARD.openApiV3Index().json().path("paths");

    assertThat(fieldNames(paths))
        .containsExactly(
            "api/v1",
            "apis/apps/v1",
            "apis/networking.istio.io/v1",
            "apis/networking.istio.io/v1alpha3",
            "apis/networking.istio.io/v1beta1");
  }

  @Test
  void everyServerRelativeUrlResolvesToItsDocumentByPathAndHash() {
    JsonNode paths = STANDARD.openApiV3Index().json().path("paths");

    for (String path : fieldNames(paths)) {
      String url = paths.path(path).path("serverRelativeURL").asText();
      ServedDocument document = STANDARD.openApiV3(path).orElseThrow();
      assertThat(url).isEqualTo("/openapi/v3/" + path + "?hash=" + document.hash());
      assertThat(document.hash()).matches("[0-9A-F]{128}");
      assertThat(document.json().path("openapi").asText()).isEqualTo("3.0.0");
      assertThat(document.contentType()).isEqualTo("application/json");
    }
  }

  /**
   * What kubectl apply checks before it sends {@code fieldValidation=Strict} (cli-runtime's
   * query-param verifier): in the document of the kind's group/version, the PATCH operation tagged
   * with the kind declares a query parameter {@code fieldValidation}. It stops at the first such
   * operation in Go's random map order, so every one must qualify. And client-side apply must find
   * no request body, or it would build patches from schemas we do not serve.
   */
  @Test
  void everyServedKindHasPatchOperationsDeclaringFieldValidationAndNoRequestBody() {
    for (Kind kind : KindRegistry.standard().kinds()) {
      for (String version : kind.versions()) {
        String path =
            kind.group().isEmpty() ? "api/" + version : "apis/" + kind.apiVersion(version);
        JsonNode document = STANDARD.openApiV3(path).orElseThrow().json();
        List<JsonNode> patches = patchOperationsFor(document, kind.group(), version, kind.kind());

        assertThat(patches).as("%s %s", kind.kind(), version).isNotEmpty();
        for (JsonNode patch : patches) {
          assertThat(queryParameters(patch)).contains("fieldValidation");
          assertThat(patch.has("requestBody")).isFalse();
        }
      }
    }
  }

  @Test
  void everyPatchOperationAnywhereDeclaresFieldValidation() {
    for (String path : fieldNames(STANDARD.openApiV3Index().json().path("paths"))) {
      JsonNode document = STANDARD.openApiV3(path).orElseThrow().json();
      document
          .path("paths")
          .properties()
          .forEach(
              item -> {
                if (item.getValue().has("patch")) {
                  assertThat(queryParameters(item.getValue().path("patch")))
                      .as(item.getKey())
                      .contains("fieldValidation");
                }
              });
    }
  }

  @Test
  void deploymentItemPathHasKubernetesShapedOperations() {
    JsonNode item =
        STANDARD
            .openApiV3("apis/apps/v1")
            .orElseThrow()
            .json()
            .path("paths")
            .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}");

    assertThat(fieldNames(item)).containsExactly("get", "put", "delete", "patch", "parameters");
    assertThat(item.path("patch"))
        .isEqualTo(
            json(
                """
                {"description":"patch Deployment","operationId":"patchAppsV1NamespacedDeployment",
                 "parameters":[
                   {"name":"dryRun","in":"query",
                    "description":"'All': check the request but persist nothing.",
                    "schema":{"type":"string"}},
                   {"name":"fieldManager","in":"query",
                    "description":"Name of the actor making the change.","schema":{"type":"string"}},
                   {"name":"fieldValidation","in":"query",
                    "description":"How to treat unknown or duplicate fields in the body: Strict rejects the request, Warn accepts it with Warning headers, Ignore drops them silently.",
                    "schema":{"type":"string"}},
                   {"name":"force","in":"query",
                    "description":"Apply patches only: take over fields owned by other managers.",
                    "schema":{"type":"boolean"}}],
                 "responses":{"200":{"description":"OK"},"201":{"description":"Created"},
                              "401":{"description":"Unauthorized"}},
                 "x-kubernetes-action":"patch",
                 "x-kubernetes-group-version-kind":{"group":"apps","version":"v1","kind":"Deployment"}}
                """));
    assertThat(parameterNames(item.path("parameters")))
        .containsExactly("name", "namespace", "pretty");
    assertThat(item.path("parameters").get(0).path("required").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "apis/apps/v1, /apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale,"
        + " patchAppsV1NamespacedDeploymentScale, autoscaling, v1, Scale",
    "apis/apps/v1, /apis/apps/v1/namespaces/{namespace}/deployments/{name}/status,"
        + " patchAppsV1NamespacedDeploymentStatus, apps, v1, Deployment",
    "api/v1, /api/v1/namespaces/{namespace}/pods/{name},"
        + " patchCoreV1NamespacedPod, '', v1, Pod",
    "api/v1, /api/v1/namespaces/{name}, patchCoreV1Namespace, '', v1, Namespace",
    "api/v1, /api/v1/namespaces/{name}/status, patchCoreV1NamespaceStatus, '', v1, Namespace",
    "apis/networking.istio.io/v1alpha3,"
        + " /apis/networking.istio.io/v1alpha3/namespaces/{namespace}/virtualservices/{name},"
        + " patchNetworkingIstioIoV1alpha3NamespacedVirtualService,"
        + " networking.istio.io, v1alpha3, VirtualService",
    "apis/networking.istio.io/v1beta1,"
        + " /apis/networking.istio.io/v1beta1/namespaces/{namespace}/gateways/{name}/status,"
        + " patchNetworkingIstioIoV1beta1NamespacedGatewayStatus,"
        + " networking.istio.io, v1beta1, Gateway",
  })
  void patchOperationsNameTheirKind(
      String document, String path, String operationId, String group, String version, String kind) {
    JsonNode patch =
        STANDARD.openApiV3(document).orElseThrow().json().path("paths").path(path).path("patch");

    assertThat(patch.path("operationId").asText()).isEqualTo(operationId);
    assertThat(patch.path("x-kubernetes-group-version-kind"))
        .isEqualTo(
            json(
                "{\"group\":\"%s\",\"version\":\"%s\",\"kind\":\"%s\"}"
                    .formatted(group, version, kind)));
  }

  @Test
  void coreDocumentDescribesNamespacedClusterScopedAndAllNamespacesPaths() {
    JsonNode paths = STANDARD.openApiV3("api/v1").orElseThrow().json().path("paths");

    assertThat(fieldNames(paths))
        .contains(
            "/api/v1/namespaces",
            "/api/v1/namespaces/{name}",
            "/api/v1/namespaces/{name}/status",
            "/api/v1/namespaces/{namespace}/pods",
            "/api/v1/namespaces/{namespace}/pods/{name}",
            "/api/v1/namespaces/{namespace}/pods/{name}/log",
            "/api/v1/namespaces/{namespace}/pods/{name}/status",
            "/api/v1/pods");
    assertThat(fieldNames(paths.path("/api/v1/namespaces")))
        .as("namespaces have no deletecollection")
        .containsExactly("get", "post", "parameters");
    assertThat(fieldNames(paths.path("/api/v1/namespaces/{namespace}/pods")))
        .containsExactly("get", "post", "delete", "parameters");
    assertThat(paths.path("/api/v1/pods").path("get").path("operationId").asText())
        .isEqualTo("listCoreV1PodForAllNamespaces");
    assertThat(fieldNames(paths.path("/api/v1/namespaces/{namespace}/pods/{name}/log")))
        .containsExactly("get", "parameters");
    assertThat(fieldNames(paths)).isSorted();
  }

  @Test
  void openApiV2IsNotServed() {
    assertThat(STANDARD.openApiV2()).isEmpty();
  }

  @Test
  void unknownDocumentsAreAbsent() {
    assertThat(STANDARD.openApiV3("apis/autoscaling/v1")).isEmpty();
    assertThat(STANDARD.openApiV3("/api/v1")).isEmpty();
  }

  private static List<JsonNode> patchOperationsFor(
      JsonNode document, String group, String version, String kind) {
    JsonNode wanted =
        json(
            "{\"group\":\"%s\",\"version\":\"%s\",\"kind\":\"%s\"}"
                .formatted(group, version, kind));
    List<JsonNode> patches = new ArrayList<>();
    for (Map.Entry<String, JsonNode> item : document.path("paths").properties()) {
      JsonNode patch = item.getValue().path("patch");
      if (patch.path("x-kubernetes-group-version-kind").equals(wanted)) {
        patches.add(patch);
      }
    }
    return patches;
  }

  private static List<String> queryParameters(JsonNode operation) {
    List<String> names = new ArrayList<>();
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.path("in").asText().equals("query")) {
        names.add(parameter.path("name").asText());
      }
    }
    return names;
  }

  private static List<String> parameterNames(JsonNode parameters) {
    List<String> names = new ArrayList<>();
    parameters.forEach(parameter -> names.add(parameter.path("name").asText()));
    return names;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
