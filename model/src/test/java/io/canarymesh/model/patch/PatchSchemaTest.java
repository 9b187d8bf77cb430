package io.canarymesh.model.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PatchSchemaTest {

  /** KUBE-API.md §E's merge keys, kind by kind. */
  @ParameterizedTest(name = "{0} {1} by {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Deployment | spec.template.spec.containers                     | name
          Deployment | spec.template.spec.initContainers                 | name
          Deployment | spec.template.spec.ephemeralContainers            | name
          Deployment | spec.template.spec.volumes                        | name
          Deployment | spec.template.spec.imagePullSecrets               | name
          Deployment | spec.template.spec.hostAliases                    | ip
          Deployment | spec.template.spec.topologySpreadConstraints      | topologyKey
          Deployment | spec.template.spec.containers.ports               | containerPort
          Deployment | spec.template.spec.containers.env                 | name
          Deployment | spec.template.spec.containers.volumeMounts        | mountPath
          Deployment | spec.template.spec.initContainers.env             | name
          Deployment | spec.template.spec.ephemeralContainers.volumeMounts | mountPath
          Deployment | spec.template.metadata.ownerReferences            | uid
          Deployment | metadata.ownerReferences                          | uid
          Deployment | status.conditions                                 | type
          ReplicaSet | spec.template.spec.containers                     | name
          ReplicaSet | spec.template.spec.containers.ports               | containerPort
          ReplicaSet | status.conditions                                 | type
          Pod        | spec.containers                                   | name
          Pod        | spec.containers.env                               | name
          Pod        | spec.volumes                                      | name
          Pod        | spec.hostAliases                                  | ip
          Pod        | status.conditions                                 | type
          Pod        | status.podIPs                                     | ip
          Pod        | metadata.ownerReferences                          | uid
          Service    | spec.ports                                        | port
          Service    | metadata.ownerReferences                          | uid
          Endpoints  | metadata.ownerReferences                          | uid
          ConfigMap  | metadata.ownerReferences                          | uid
          Secret     | metadata.ownerReferences                          | uid
          Namespace  | status.conditions                                 | type
          Event      | metadata.ownerReferences                          | uid
          """)
  void mergeKeys(String kind, String path, String key) {
    assertThat(PatchSchema.forKind(kind).mergeKey(names(path))).contains(key);
  }

  @ParameterizedTest(name = "{0} {1} is replaced whole")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Deployment | spec.template.spec.tolerations
          Deployment | spec.template.spec.containers.envFrom
          Deployment | spec.template.spec.containers.command
          Deployment | spec.template.spec.containers.args
          Deployment | spec.template.spec.containers.name
          Deployment | spec.containers
          Pod        | spec.template.spec.containers
          Endpoints  | subsets
          Service    | spec.clusterIPs
          """)
  void atomicLists(String kind, String path) {
    PatchSchema schema = PatchSchema.forKind(kind);
    assertThat(schema.mergeKey(names(path))).isEmpty();
    assertThat(schema.isMergeSet(names(path))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Deployment",
        "ReplicaSet",
        "Pod",
        "Service",
        "Endpoints",
        "ConfigMap",
        "Secret",
        "Namespace",
        "Event"
      })
  void everyBuiltInKindMergesFinalizersAsASet(String kind) {
    assertThat(PatchSchema.forKind(kind).isMergeSet(names("metadata.finalizers"))).isTrue();
  }

  @Test
  void podTemplatesInsideWorkloadsMergeTheirFinalizersToo() {
    assertThat(
            PatchSchema.forKind("Deployment")
                .isMergeSet(names("spec.template.metadata.finalizers")))
        .isTrue();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Deployment | spec.strategy
          Deployment | spec.template.spec.volumes
          ReplicaSet | spec.template.spec.volumes
          Pod        | spec.volumes
          """)
  void retainKeys(String kind, String path) {
    assertThat(PatchSchema.forKind(kind).retainsKeys(names(path))).isTrue();
  }

  @Test
  void retainKeysOnlyWhereTagged() {
    assertThat(PatchSchema.forKind("ReplicaSet").retainsKeys(names("spec.strategy"))).isFalse();
    assertThat(PatchSchema.forKind("Deployment").retainsKeys(names("spec.template"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "VirtualService",
        "DestinationRule",
        "Gateway",
        "ServiceEntry",
        "WorkloadEntry",
        "Scale",
        "Unknown",
        "deployment"
      })
  void otherKindsHaveAnEmptySchema(String kind) {
    PatchSchema schema = PatchSchema.forKind(kind);
    assertThat(schema.isMergeSet(names("metadata.finalizers"))).isFalse();
    assertThat(schema.mergeKey(names("metadata.ownerReferences"))).isEmpty();
    assertThat(schema.mergeKey(names("spec.template.spec.containers"))).isEmpty();
  }

  @Test
  void builderNestsSchemasUnderAPrefix() {
    PatchSchema inner = PatchSchema.builder().mergeKey("ports", "port").mergeSet("tags").build();
    PatchSchema outer =
        PatchSchema.builder().nest("spec.servers", inner).retainKeys("spec.tls").build();

    assertThat(outer.mergeKey(names("spec.servers.ports"))).contains("port");
    assertThat(outer.isMergeSet(names("spec.servers.tags"))).isTrue();
    assertThat(outer.retainsKeys(names("spec.tls"))).isTrue();
    assertThat(outer.mergeKey(names("ports"))).isEmpty();
  }

  private static List<String> names(String dotted) {
    return List.of(dotted.split("\\."));
  }
}
