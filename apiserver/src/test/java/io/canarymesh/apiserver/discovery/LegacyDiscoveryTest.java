package io.canarymesh.apiserver.discovery;

import static io.canarymesh.apiserver.discovery.Documents.STANDARD;
import static io.canarymesh.apiserver.discovery.Documents.element;
import static io.canarymesh.apiserver.discovery.Documents.json;
import static io.canarymesh.apiserver.discovery.Documents.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyDiscoveryTest {

  @Test
  void apiListsTheCoreVersionAndTheServerAddressWithoutApiVersion() {
    ServedDocument api = STANDARD.api(DiscoveryFormat.LEGACY);

    assertThat(text(api))
        .isEqualTo(
            "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:6443\"}]}");
    assertThat(api.contentType()).isEqualTo("application/json");
  }

  @Test
  void apisListsEveryNamedGroupWithAllVersionsPreferredFirst() {
    assertThat(STANDARD.apis(DiscoveryFormat.LEGACY).json())
        .isEqualTo(
            json(
                """
                {"kind":"APIGroupList","apiVersion":"v1","groups":[
                  {"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],
                   "preferredVersion":{"groupVersion":"apps/v1","version":"v1"}},
                  {"name":"networking.istio.io","versions":[
                     {"groupVersion":"networking.istio.io/v1","version":"v1"},
                     {"groupVersion":"networking.istio.io/v1beta1","version":"v1beta1"},
                     {"groupVersion":"networking.istio.io/v1alpha3","version":"v1alpha3"}],
                   "preferredVersion":{"groupVersion":"networking.istio.io/v1","version":"v1"}}]}
                """));
  }

  @Test
  void apiGroupDescribesOneGroupAndNothingElse() {
    assertThat(STANDARD.apiGroup("apps").orElseThrow().json())
        .isEqualTo(
            json(
                """
                {"kind":"APIGroup","apiVersion":"v1","name":"apps",
                 "versions":[{"groupVersion":"apps/v1","version":"v1"}],
                 "preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}
                """));
    assertThat(STANDARD.apiGroup("batch")).isEmpty();
    assertThat(STANDARD.apiGroup("")).isEmpty();
  }

  @Test
  void coreResourceListHasPodsWithLogAndStatusAsSeparateEntries() {
    JsonNode list = STANDARD.resourceList("", "v1").orElseThrow().json();

    assertThat(list.has("apiVersion")).as("kube-apiserver omits it on /api/v1").isFalse();
    assertThat(list.path("groupVersion").asText()).isEqualTo("v1");
    JsonNode resources = list.path("resources");
    assertThat(element(resources, "name", "pods"))
        .isEqualTo(
            json(
                """
                {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod",
                 "verbs":["create","delete","deletecollection","get","list","patch","update","watch"],
                 "shortNames":["po"],"categories":["all"],"storageVersionHash":"xPOwRZ+Yhw8="}
                """));
    assertThat(element(resources, "name", "pods/log"))
        .isEqualTo(
            json(
                """
                {"name":"pods/log","singularName":"","namespaced":true,"kind":"Pod","verbs":["get"]}
                """));
    assertThat(element(resources, "name", "pods/status"))
        .isEqualTo(
            json(
                """
                {"name":"pods/status","singularName":"","namespaced":true,"kind":"Pod",
                 "verbs":["get","patch","update"]}
                """));
  }

  @Test
  void namespacesAreClusterScopedWithoutDeleteCollection() {
    JsonNode resources = STANDARD.resourceList("", "v1").orElseThrow().json().path("resources");

    assertThat(element(resources, "name", "namespaces"))
        .isEqualTo(
            json(
                """
                {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace",
                 "verbs":["create","delete","get","list","patch","update","watch"],
                 "shortNames":["ns"],"storageVersionHash":"Q3oi5N2YM8M="}
                """));
  }

  @Test
  void coreResourcesAreSortedByNameWithSubresourcesAfterTheirParent() {
    JsonNode resources = STANDARD.resourceList("", "v1").orElseThrow().json().path("resources");

    assertThat(names(resources))
        .containsExactly(
            "configmaps",
            "endpoints",
            "events",
            "namespaces",
            "namespaces/status",
            "pods",
            "pods/binding",
            "pods/log",
            "pods/status",
            "secrets",
            "services",
            "services/status");
  }

  @Test
  void deploymentsListScaleAsAutoscalingV1ScaleAndStatusAsDeployment() {
    JsonNode list = STANDARD.resourceList("apps", "v1").orElseThrow().json();

    assertThat(list.path("apiVersion").asText()).isEqualTo("v1");
    assertThat(list.path("groupVersion").asText()).isEqualTo("apps/v1");
    JsonNode resources = list.path("resources");
    assertThat(names(resources))
        .containsExactly(
            "deployments",
            "deployments/scale",
            "deployments/status",
            "replicasets",
            "replicasets/scale",
            "replicasets/status");
    assertThat(element(resources, "name", "deployments"))
        .isEqualTo(
            json(
                """
                {"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment",
                 "verbs":["create","delete","deletecollection","get","list","patch","update","watch"],
                 "shortNames":["deploy"],"categories":["all"],"storageVersionHash":"8aSe+NMegvE="}
                """));
    assertThat(element(resources, "name", "deployments/scale"))
        .isEqualTo(
            json(
                """
                {"name":"deployments/scale","singularName":"","namespaced":true,
                 "group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]}
                """));
    assertThat(element(resources, "name", "deployments/status"))
        .isEqualTo(
            json(
                """
                {"name":"deployments/status","singularName":"","namespaced":true,"kind":"Deployment",
                 "verbs":["get","patch","update"]}
                """));
  }

  /**
   * One stored form, so one storage hash at every version: the platform stores the preferred v1, so
   * it is base64(sha256("networking.istio.io/v1/VirtualService")[:8]). (Istio's CRDs store
   * v1alpha3; only storage-version migrators read this value.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"v1", "v1beta1", "v1alpha3"})
  void virtualServicesAreServedAtEveryIstioVersionWithCrdVerbs(String version) {
    JsonNode list = STANDARD.resourceList("networking.istio.io", version).orElseThrow().json();

    assertThat(list.path("groupVersion").asText()).isEqualTo("networking.istio.io/" + version);
    JsonNode resources = list.path("resources");
    assertThat(element(resources, "name", "virtualservices"))
        .isEqualTo(
            json(
                """
                {"name":"virtualservices","singularName":"virtualservice","namespaced":true,
                 "kind":"VirtualService",
                 "verbs":["delete","deletecollection","get","list","patch","create","update","watch"],
                 "shortNames":["vs"],"categories":["istio-io","networking-istio-io"],
                 "storageVersionHash":"4myxAxwji4I="}
                """));
    assertThat(element(resources, "name", "virtualservices/status"))
        .isEqualTo(
            json(
                """
                {"name":"virtualservices/status","singularName":"","namespaced":true,
                 "kind":"VirtualService","verbs":["get","patch","update"]}
                """));
  }

  /** Hashes copied from a real 1.31 cluster's discovery. */
  @ParameterizedTest
  @CsvSource({
    "'', v1, configmaps, qFsyl6wFWjQ=",
    "'', v1, endpoints, fWeeMqaN/OA=",
    "'', v1, events, r2yiGXH7wu8=",
    "'', v1, namespaces, Q3oi5N2YM8M=",
    "'', v1, pods, xPOwRZ+Yhw8=",
    "'', v1, secrets, S6u1pOWzb84=",
    "'', v1, services, 0/CO1lhkEBI=",
    "apps, v1, deployments, 8aSe+NMegvE=",
    "apps, v1, replicasets, P1RzHs8/mWQ="
  })
  void storageVersionHashesMatchKubeApiserver(
      String group, String version, String plural, String hash) {
    JsonNode resources =
        STANDARD.resourceList(group, version).orElseThrow().json().path("resources");

    assertThat(element(resources, "name", plural).path("storageVersionHash").asText())
        .isEqualTo(hash);
  }

  @Test
  void everyKindIsListedAtEveryVersionItServes() {
    for (Kind kind : KindRegistry.standard().kinds()) {
      for (String version : kind.versions()) {
        JsonNode resources =
            STANDARD.resourceList(kind.group(), version).orElseThrow().json().path("resources");
        JsonNode entry = element(resources, "name", kind.plural());
        assertThat(entry.path("kind").asText()).isEqualTo(kind.kind());
        assertThat(entry.path("namespaced").asBoolean()).isEqualTo(kind.namespaced());
        for (String subresource : kind.subresources()) {
          element(resources, "name", kind.plural() + "/" + subresource);
        }
      }
    }
  }

  @Test
  void unservedGroupVersionsHaveNoResourceList() {
    assertThat(STANDARD.resourceList("apps", "v1beta1")).isEmpty();
    assertThat(STANDARD.resourceList("autoscaling", "v1")).isEmpty();
    assertThat(STANDARD.resourceList("", "v2")).isEmpty();
  }

  private static List<String> names(JsonNode resources) {
    List<String> names = new ArrayList<>();
    resources.forEach(resource -> names.add(resource.path("name").asText()));
    return names;
  }
}
