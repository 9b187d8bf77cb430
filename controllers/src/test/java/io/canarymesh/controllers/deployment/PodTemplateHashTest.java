package io.canarymesh.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.model.codec.ResourceJson;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodTemplateHashTest {

  /** FNV-1a 32 reference vectors. */
  @ParameterizedTest
  @CsvSource({"'', 811c9dc5", "a, e40c292c", "foobar, bf9cf968"})
  void fnv1a(String input, String expectedHex) {
    assertThat(Integer.toHexString(PodTemplateHash.fnv1a(input.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(expectedHex);
  }

  @Test
  void safeEncodeMapsDigitsToKubernetesAlphabet() {
    assertThat(PodTemplateHash.safeEncode("0123456789")).isEqualTo("456789bcdf");
    assertThat(PodTemplateHash.safeEncode("3402185232")).isEqualTo("78465d9676");
  }

  @Test
  void hashIsStableAndLooksLikeKubernetes() {
    String hash = PodTemplateHash.compute(template("1.0-SNAPSHOT"));

    // Golden: changes here rename every ReplicaSet of an existing state directory.
    assertThat(hash)
        .isEqualTo(PodTemplateHash.compute(template("1.0-SNAPSHOT")))
        .matches("[4-9bcdf]{1,10}");
    assertThat(hash).isEqualTo("6b4b8b44b8");
    assertThat(PodTemplateHash.compute(template("1.1-SNAPSHOT"))).isNotEqualTo(hash);
    assertThat(PodTemplateHash.replicaSetName("micro-api", hash)).isEqualTo("micro-api-" + hash);
  }

  @Test
  void collisionCountChangesTheHashAndEachCountGivesItsOwn() {
    PodTemplateSpec t = template("1.0-SNAPSHOT");

    assertThat(
            List.of(
                PodTemplateHash.compute(t),
                PodTemplateHash.compute(t, 0),
                PodTemplateHash.compute(t, 1),
                PodTemplateHash.compute(t, 2)))
        .doesNotHaveDuplicates();
  }

  @Test
  void deploymentHashUsesItsCollisionCount() {
    Deployment d = FencepostsTest.deployment("RollingUpdate", 3, "1", "1");
    d.getSpec().setTemplate(template("1.0-SNAPSHOT"));
    assertThat(PodTemplateHash.of(d)).isEqualTo(PodTemplateHash.compute(template("1.0-SNAPSHOT")));
    d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatus());
    d.getStatus().setCollisionCount(1);
    assertThat(PodTemplateHash.of(d))
        .isEqualTo(PodTemplateHash.compute(template("1.0-SNAPSHOT"), 1));
  }

  /** The undo case: kubectl sends the old ReplicaSet's template back without defaults' help. */
  @Test
  void undoTemplateEqualsTheStoredReplicaSetTemplate() {
    PodTemplateSpec stored = ResourceJson.copy(template("1.0-SNAPSHOT"), PodTemplateSpec.class);
    stored.getMetadata().getLabels().put("pod-template-hash", "57c7cb5b74");
    ReplicaSet carrier =
        new ReplicaSetBuilder().withNewSpec().withTemplate(stored).endSpec().build();
    io.canarymesh.model.defaults.Defaults.apply(carrier);
    PodTemplateSpec undone = ResourceJson.copy(template("1.0-SNAPSHOT"), PodTemplateSpec.class);
    undone.getMetadata().setCreationTimestamp(null);
    undone.getMetadata().setAnnotations(Map.of());
    undone.getSpec().setVolumes(List.of());

    assertThat(CanonicalTemplate.equalIgnoreHash(carrier.getSpec().getTemplate(), undone)).isTrue();
    assertThat(PodTemplateHash.compute(carrier.getSpec().getTemplate()))
        .isEqualTo(PodTemplateHash.compute(undone));
    assertThat(CanonicalTemplate.equalIgnoreHash(stored, template("1.1-SNAPSHOT"))).isFalse();
  }

  @Test
  void canonicalFormSortsKeysAndDropsEmptiesButKeepsFalseAndZero() {
    PodTemplateSpec t =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .withLabels(Map.of("b", "2", "a", "1"))
            .withAnnotations(Map.of())
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("c")
            .withImage("img:1")
            .withTty(false)
            .withStdin(null)
            .endContainer()
            .withTerminationGracePeriodSeconds(0L)
            .endSpec()
            .build();

    String json = CanonicalTemplate.of(t).json();

    assertThat(json)
        .startsWith(
            "{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}},\"spec\":{\"containers\":[{");
    assertThat(json)
        .contains("\"tty\":false")
        .contains("\"terminationGracePeriodSeconds\":0")
        .doesNotContain("annotations")
        .doesNotContain("stdin");
  }

  static PodTemplateSpec template(String tag) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(new java.util.HashMap<>(Map.of("app", "micro-api")))
        .endMetadata()
        .withNewSpec()
        .addNewImagePullSecret("regcred")
        .addNewContainer()
        .withName("micro-api")
        .withImage("registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:" + tag)
        .withImagePullPolicy("Always")
        .withTty(true)
        .addNewPort()
        .withName("http")
        .withProtocol("TCP")
        .withContainerPort(19090)
        .endPort()
        .endContainer()
        .endSpec()
        .build();
  }
}
