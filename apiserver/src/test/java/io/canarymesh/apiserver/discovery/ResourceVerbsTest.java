package io.canarymesh.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canarymesh.model.Kind;
import io.canarymesh.model.KindRegistry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceVerbsTest {
  private static final String BUILT_IN =
      "create delete deletecollection get list patch update watch";
  private static final String CRD = "delete deletecollection get list patch create update watch";

  @ParameterizedTest
  @CsvSource({
    "namespaces, create delete get list patch update watch",
    "pods, " + BUILT_IN,
    "services, " + BUILT_IN,
    "endpoints, " + BUILT_IN,
    "events, " + BUILT_IN,
    "configmaps, " + BUILT_IN,
    "secrets, " + BUILT_IN,
    "deployments, " + BUILT_IN,
    "replicasets, " + BUILT_IN,
    "gateways, " + CRD,
    "virtualservices, " + CRD,
    "destinationrules, " + CRD,
    "serviceentries, " + CRD,
    "workloadentries, " + CRD,
  })
  void resourceVerbsFollowKubeApiserver(String plural, String verbs) {
    Kind kind = KindRegistry.standard().byUserName(plural).get(0);

    assertThat(ResourceVerbs.of(kind)).containsExactly(verbs.split(" "));
  }

  @ParameterizedTest
  @CsvSource({"status, get patch update", "scale, get patch update", "log, get"})
  void subresourceVerbs(String subresource, String verbs) {
    assertThat(ResourceVerbs.ofSubresource(subresource)).containsExactly(verbs.split(" "));
  }

  @ParameterizedTest
  @CsvSource({"'', false", "apps, false", "events.k8s.io, false", "networking.istio.io, true"})
  void customResourcesAreThoseOutsideKubernetesGroups(String group, boolean custom) {
    Kind kind =
        new Kind(
            group,
            List.of("v1"),
            "Thing",
            "things",
            "thing",
            List.of(),
            true,
            List.of(),
            List.of(),
            ConfigMap.class);

    assertThat(ResourceVerbs.isCustomResource(kind)).isEqualTo(custom);
  }

  @Test
  void unknownSubresourcesAreRejected() {
    assertThatThrownBy(() -> ResourceVerbs.ofSubresource("exec"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown subresource exec");
  }
}
