package io.canarymesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceKeyTest {

  @ParameterizedTest
  @CsvSource({
    "pods, pods",
    "apps/deployments, deployments.apps",
    "networking.istio.io/virtualservices, virtualservices.networking.istio.io"
  })
  void qualifiedResourceIsPluralThenGroupAsInKubernetesMessages(String resource, String expected) {
    assertThat(new ResourceKey(resource, "default", "x").qualifiedResource()).isEqualTo(expected);
  }

  @Test
  void printsAsAPath() {
    assertThat(new ResourceKey("apps/deployments", "default", "web"))
        .hasToString("apps/deployments/default/web");
    assertThat(ResourceKey.cluster("namespaces", "default")).hasToString("namespaces/default");
  }

  @Test
  void resourceAndNameMustNotBeEmpty() {
    assertThatThrownBy(() -> new ResourceKey("pods", "default", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("resource and name must not be empty: resource=\"pods\", name=\"\"");
  }
}
