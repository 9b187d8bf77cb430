package io.canarymesh.apiserver.table;

import static io.canarymesh.apiserver.table.TableFixtures.NOW;
import static io.canarymesh.apiserver.table.TableFixtures.kind;
import static io.canarymesh.apiserver.table.TableFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TableBuilderTest {
  private static final String LABELLED_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: micro-api-7c9f8d6b5-x2x7q
        namespace: default
        uid: 6f1c1f0e-7a43-4f0e-9a55-0c1b7c0c2d11
        resourceVersion: "41"
        creationTimestamp: "2025-06-01T11:45:00Z"
        labels: {app: micro-api, pod-template-hash: 7c9f8d6b5, track: canary}
        annotations: {canarymesh.io/image-command: micro-api}
        ownerReferences:
          - {apiVersion: apps/v1, kind: ReplicaSet, name: micro-api-7c9f8d6b5, uid: r-1, controller: true}
      spec:
        containers: [{name: micro-api, image: "micro-api:1.3-SNAPSHOT"}]
      status: {phase: Pending}
      """;

  @Test
  void envelopeOfAList() {
    ObjectNode table = TableBuilder.table(kind("pods"), List.of(yaml(LABELLED_POD)), "57", NOW);

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(table.path("metadata").toString()).isEqualTo("{\"resourceVersion\":\"57\"}");
    assertThat(table.properties().stream().map(e -> e.getKey()))
        .containsExactly("kind", "apiVersion", "metadata", "columnDefinitions", "rows");
  }

  /** --show-labels reads the row object's labels: the row carries the full metadata. */
  @Test
  void rowObjectIsPartialObjectMetadataWithFullMetadata() {
    JsonNode pod = yaml(LABELLED_POD);

    JsonNode row = TableBuilder.table(kind("pods"), List.of(pod), "57", NOW).at("/rows/0");

    assertThat(row.path("object"))
        .isEqualTo(
            yaml(
                """
                kind: PartialObjectMetadata
                apiVersion: meta.k8s.io/v1
                metadata:
                  name: micro-api-7c9f8d6b5-x2x7q
                  namespace: default
                  uid: 6f1c1f0e-7a43-4f0e-9a55-0c1b7c0c2d11
                  resourceVersion: "41"
                  creationTimestamp: "2025-06-01T11:45:00Z"
                  labels: {app: micro-api, pod-template-hash: 7c9f8d6b5, track: canary}
                  annotations: {canarymesh.io/image-command: micro-api}
                  ownerReferences:
                    - {apiVersion: apps/v1, kind: ReplicaSet, name: micro-api-7c9f8d6b5, uid: r-1, controller: true}
                """));
    assertThat(row.properties().stream().map(e -> e.getKey())).containsExactly("cells", "object");
  }

  @Test
  void rowObjectIsACopy() {
    JsonNode pod = yaml(LABELLED_POD);
    ObjectNode table = TableBuilder.table(kind("pods"), List.of(pod), "57", NOW);

    ((ObjectNode) table.at("/rows/0/object/metadata")).put("name", "changed");

    assertThat(pod.at("/metadata/name").asText()).isEqualTo("micro-api-7c9f8d6b5-x2x7q");
  }

  /** An empty list still has its columns; kubectl then says "No resources found". */
  @Test
  void emptyList() {
    ObjectNode table = TableBuilder.table(kind("deployments"), List.of(), "12", NOW);

    assertThat(table.path("rows").toString()).isEqualTo("[]");
    assertThat(table.path("columnDefinitions")).hasSize(8);
    assertThat(table.path("metadata").toString()).isEqualTo("{\"resourceVersion\":\"12\"}");
  }

  @Test
  void rowsKeepTheGivenOrder() {
    List<JsonNode> namespaces =
        Stream.of("kube-system", "default", "istio-system")
            .map(name -> yaml("metadata: {name: " + name + "}\nstatus: {phase: Active}"))
            .toList();

    ObjectNode table = TableBuilder.table(kind("namespaces"), namespaces, "3", NOW);

    assertThat(table.path("rows").valueStream().map(row -> row.at("/cells/0").asText()))
        .containsExactly("kube-system", "default", "istio-system");
  }

  @Test
  void resourceVersionOmittedWhenEmpty() {
    ObjectNode table = TableBuilder.table(kind("namespaces"), List.of(), "", NOW);

    assertThat(table.path("metadata").toString()).isEqualTo("{}");
  }

  /**
   * Every field of a column definition is sent, as kube's TableColumnDefinition has no omitempty.
   */
  @Test
  void columnDefinitionJson() {
    ObjectNode table = TableBuilder.table(kind("pods"), List.of(), "1", NOW);

    JsonNode name = table.at("/columnDefinitions/0");
    JsonNode ip = table.at("/columnDefinitions/5");
    assertThat(name.properties().stream().map(e -> e.getKey()))
        .containsExactly("name", "type", "format", "description", "priority");
    assertThat(name.path("format").asText()).isEqualTo("name");
    assertThat(name.path("description").asText()).isNotBlank();
    assertThat(ip.toString())
        .isEqualTo(
            """
            {"name":"IP","type":"string","format":"","description":"The pod's IP address.",\
            "priority":1}""");
  }

  /** Every served kind has a row for an object that has nothing but a name, one cell a column. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("servedKinds")
  void everyKindPrintsABareObject(Kind kind) {
    ObjectNode table = TableBuilder.table(kind, List.of(yaml("metadata: {name: bare}")), "1", NOW);

    JsonNode cells = table.at("/rows/0/cells");
    assertThat(cells).hasSameSizeAs(table.path("columnDefinitions"));
    assertThat(cells.valueStream().map(JsonNode::asText)).contains("bare");
  }

  static Stream<Kind> servedKinds() {
    return KindRegistry.standard().kinds().stream();
  }

  @Test
  void nullArgumentsAreRejected() {
    Kind pods = kind("pods");
    assertThatNullPointerException()
        .isThrownBy(() -> TableBuilder.table(null, List.of(), "1", NOW))
        .withMessage("kind");
    assertThatNullPointerException()
        .isThrownBy(() -> TableBuilder.table(pods, null, "1", NOW))
        .withMessage("objects");
    assertThatNullPointerException()
        .isThrownBy(() -> TableBuilder.table(pods, List.of(), null, NOW))
        .withMessage("resourceVersion");
    assertThatNullPointerException()
        .isThrownBy(() -> TableBuilder.table(pods, List.of(), "1", null))
        .withMessage("now");
  }
}
