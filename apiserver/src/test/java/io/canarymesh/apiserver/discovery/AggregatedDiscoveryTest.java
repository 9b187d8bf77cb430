package io.canarymesh.apiserver.discovery;

import static io.canarymesh.apiserver.discovery.Documents.STANDARD;
import static io.canarymesh.apiserver.discovery.Documents.element;
import static io.canarymesh.apiserver.discovery.Documents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AggregatedDiscoveryTest {

  @ParameterizedTest
  @CsvSource({
    "AGGREGATED_V2, apidiscovery.k8s.io/v2,"
        + " application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
    "AGGREGATED_V2BETA1, apidiscovery.k8s.io/v2beta1,"
        + " application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"
  })
  void bothListsCarryTheirApiVersionAndContentType(
      DiscoveryFormat format, String apiVersion, String contentType) {
    for (ServedDocument document : List.of(STANDARD.api(format), STANDARD.apis(format))) {
      JsonNode list = document.json();
      assertThat(list.path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
      assertThat(list.path("apiVersion").asText()).isEqualTo(apiVersion);
      assertThat(list.path("metadata")).isEqualTo(json("{}"));
      assertThat(document.contentType()).isEqualTo(contentType);
    }
  }

  @Test
  void apiHoldsOnlyTheCoreGroupWithoutAName() {
    JsonNode items = STANDARD.api(DiscoveryFormat.AGGREGATED_V2).json().path("items");

    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("metadata")).isEqualTo(json("{}"));
    JsonNode version = items.get(0).path("versions").get(0);
    assertThat(version.path("version").asText()).isEqualTo("v1");
    assertThat(version.path("freshness").asText()).isEqualTo("Current");
    assertThat(element(version.path("resources"), "resource", "pods"))
        .isEqualTo(
            json(
                """
                {"resource":"pods","responseKind":{"group":"","version":"","kind":"Pod"},
                 "scope":"Namespaced","singularResource":"pod",
                 "verbs":["create","delete","deletecollection","get","list","patch","update","watch"],
                 "shortNames":["po"],"categories":["all"],
                 "subresources":[
                   {"subresource":"binding","responseKind":{"group":"","version":"","kind":"Binding"},
                    "verbs":["create"]},
                   {"subresource":"log","responseKind":{"group":"","version":"","kind":"Pod"},
                    "verbs":["get"]},
                   {"subresource":"status","responseKind":{"group":"","version":"","kind":"Pod"},
                    "verbs":["get","patch","update"]}]}
                """));
    assertThat(element(version.path("resources"), "resource", "namespaces").path("scope").asText())
        .isEqualTo("Cluster");
  }

  @Test
  void deploymentsCarryScaleAsAutoscalingV1Scale() {
    JsonNode apps = group("apps");
    JsonNode resources = apps.path("versions").get(0).path("resources");

    assertThat(element(resources, "resource", "deployments"))
        .isEqualTo(
            json(
                """
                {"resource":"deployments",
                 "responseKind":{"group":"","version":"","kind":"Deployment"},
                 "scope":"Namespaced","singularResource":"deployment",
                 "verbs":["create","delete","deletecollection","get","list","patch","update","watch"],
                 "shortNames":["deploy"],"categories":["all"],
                 "subresources":[
                   {"subresource":"scale",
                    "responseKind":{"group":"autoscaling","version":"v1","kind":"Scale"},
                    "verbs":["get","patch","update"]},
                   {"subresource":"status",
                    "responseKind":{"group":"","version":"","kind":"Deployment"},
                    "verbs":["get","patch","update"]}]}
                """));
  }

  @ParameterizedTest
  @CsvSource({"0, v1", "1, v1beta1", "2, v1alpha3"})
  void istioKindsSpellOutTheirGroupVersionAtEachVersion(int index, String version) {
    JsonNode versionNode = group("networking.istio.io").path("versions").get(index);

    assertThat(versionNode.path("version").asText()).isEqualTo(version);
    assertThat(versionNode.path("freshness").asText()).isEqualTo("Current");
    assertThat(element(versionNode.path("resources"), "resource", "virtualservices"))
        .isEqualTo(
            json(
                """
                {"resource":"virtualservices",
                 "responseKind":{"group":"networking.istio.io","version":"%1$s","kind":"VirtualService"},
                 "scope":"Namespaced","singularResource":"virtualservice",
                 "verbs":["delete","deletecollection","get","list","patch","create","update","watch"],
                 "shortNames":["vs"],"categories":["istio-io","networking-istio-io"],
                 "subresources":[
                   {"subresource":"status",
                    "responseKind":{"group":"networking.istio.io","version":"%1$s","kind":"VirtualService"},
                    "verbs":["get","patch","update"]}]}
                """
                    .formatted(version)));
  }

  @Test
  void apisListsEveryNamedGroupVersionAndEveryKindInIt() {
    JsonNode items = STANDARD.apis(DiscoveryFormat.AGGREGATED_V2).json().path("items");
    List<String> groupVersions = new ArrayList<>();
    items.forEach(
        item ->
            item.path("versions")
                .forEach(
                    v ->
                        groupVersions.add(
                            item.path("metadata").path("name").asText()
                                + "/"
                                + v.path("version").asText())));

    assertThat(groupVersions)
        .containsExactly(
            "apps/v1",
            "networking.istio.io/v1",
            "networking.istio.io/v1beta1",
            "networking.istio.io/v1alpha3");
    for (Kind kind : KindRegistry.standard().kinds()) {
      if (kind.group().isEmpty()) {
        continue;
      }
      for (String version : kind.versions()) {
        JsonNode versionNode = element(group(kind.group()).path("versions"), "version", version);
        JsonNode resource = element(versionNode.path("resources"), "resource", kind.plural());
        assertThat(resource.path("responseKind").path("kind").asText()).isEqualTo(kind.kind());
      }
    }
  }

  @Test
  void legacyIsNotAnAggregatedFormat() {
    assertThatThrownBy(
            () -> AggregatedDiscovery.groupDiscoveryList(List.of(), DiscoveryFormat.LEGACY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("LEGACY is not an aggregated discovery format");
  }

  @ParameterizedTest
  @EnumSource(DiscoveryFormat.class)
  void v2AndV2beta1DifferOnlyInApiVersion(DiscoveryFormat format) {
    JsonNode items = STANDARD.apis(format).json().path("items");
    if (format.aggregated()) {
      assertThat(items)
          .isEqualTo(STANDARD.apis(DiscoveryFormat.AGGREGATED_V2).json().path("items"));
    } else {
      assertThat(items.isMissingNode()).isTrue();
    }
  }

  private static JsonNode group(String name) {
    JsonNode items = STANDARD.apis(DiscoveryFormat.AGGREGATED_V2).json().path("items");
    for (JsonNode item : items) {
      if (item.path("metadata").path("name").asText().equals(name)) {
        return item;
      }
    }
    throw new AssertionError("no group " + name);
  }
}
