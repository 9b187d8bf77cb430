package io.canarymesh.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.model.TestManifests;
import io.canarymesh.model.defaults.Defaults;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesValidatorOtherKindsTest {

  @ParameterizedTest(name = "data key [{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "app.properties | ''",
        "KEY_NAME-1     | ''",
        "bad key        | a valid config key must consist of alphanumeric characters, '-', '_' or"
            + " '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is"
            + " '[-._a-zA-Z0-9]+')",
        "..             | must not be '..'",
        "..data         | must not start with '..'",
        ".              | must not be '.'",
      })
  void checksConfigMapAndSecretKeys(String key, String problem) {
    ConfigMap configMap =
        TestManifests.decode(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {'" + key + "': v}\n",
            ConfigMap.class);
    Secret secret =
        Defaults.apply(
            TestManifests.decode(
                "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {'" + key + "': dg==}\n",
                Secret.class));
    List<String> expected =
        problem.isEmpty()
            ? List.of()
            : List.of("data[" + key + "]: Invalid value: \"" + key + "\": " + problem);

    assertThat(messages(configMap)).isEqualTo(expected);
    assertThat(messages(secret)).isEqualTo(expected);
  }

  @Test
  void limitsConfigMapData() {
    ConfigMap configMap =
        TestManifests.decode(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n", ConfigMap.class);
    configMap.setData(Map.of("big", "x".repeat(1024 * 1024 + 1)));

    assertThat(messages(configMap)).containsExactly("Too long: must have at most 1048576 bytes");
  }

  @Test
  void namesNamespacesWithLabelsAndForbidsTheirNamespace() {
    Namespace namespace =
        Defaults.apply(
            TestManifests.decode(
                "apiVersion: v1\nkind: Namespace\nmetadata: {name: team.a, namespace: default}\n",
                Namespace.class));

    assertThat(messages(namespace))
        .containsExactly(
            "metadata.name: Invalid value: \"team.a\": " + Names.checkDns1123Label("team.a").get(0),
            "metadata.namespace: Forbidden: not allowed on this type");
  }

  @Test
  void validatesAPodSpecInAPod() {
    Pod pod =
        Defaults.apply(
            TestManifests.decode(
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n",
                Pod.class));

    assertThat(messages(pod)).containsExactly("spec.containers: Required value");
  }

  @Test
  void validatesAReplicaSetLikeADeployment() {
    ReplicaSet replicaSet =
        Defaults.apply(
            TestManifests.decode(
                """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: micro-api-6d4cf56db6}
                spec:
                  replicas: -1
                  selector: {matchLabels: {app: micro-api, pod-template-hash: 6d4cf56db6}}
                  template:
                    metadata: {labels: {app: micro-api}}
                    spec: {containers: [{name: c, image: nginx}]}
                """,
                ReplicaSet.class));

    assertThat(messages(replicaSet))
        .containsExactly(
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"micro-api\"}:"
                + " `selector` does not match template `labels`");
  }

  @Test
  void forbidsChangingADeploymentSelector() {
    Deployment old = Defaults.apply(TestManifests.seed("micro-api.yaml", Deployment.class));
    Deployment updated =
        Defaults.apply(TestManifests.seed("micro-api-canary.yaml", Deployment.class));
    Deployment reselected = Defaults.apply(TestManifests.seed("micro-api.yaml", Deployment.class));
    reselected.getSpec().getSelector().setMatchLabels(Map.of("app", "micro-api", "track", "x"));
    reselected.getSpec().getTemplate().getMetadata().getLabels().put("track", "x");

    assertThat(KubernetesValidator.validateUpdate(old, updated)).isEmpty();
    assertThat(KubernetesValidator.validateUpdate(old, reselected))
        .extracting(FieldError::message)
        .containsExactly(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"
                + "\"app\":\"micro-api\", \"track\":\"x\"}, MatchExpressions:"
                + "[]v1.LabelSelectorRequirement(nil)}: field is immutable");
  }

  @Test
  void forbidsChangingAReplicaSetSelector() {
    ReplicaSet old = replicaSet("a");
    ReplicaSet updated = replicaSet("b");

    assertThat(KubernetesValidator.validateUpdate(old, replicaSet("a"))).isEmpty();
    assertThat(KubernetesValidator.validateUpdate(old, updated))
        .extracting(FieldError::message)
        .containsExactly(
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"
                + "\"app\":\"b\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is"
                + " immutable");
  }

  @Test
  void forbidsChangingAnAllocatedClusterIp() {
    Service old = Defaults.apply(TestManifests.seed("micro-api.yaml", Service.class));
    old.getSpec().setClusterIP("127.96.0.1");
    Service moved = Defaults.apply(TestManifests.seed("micro-api.yaml", Service.class));
    moved.getSpec().setClusterIP("127.96.0.2");
    Service unset = Defaults.apply(TestManifests.seed("micro-api.yaml", Service.class));

    assertThat(KubernetesValidator.validateUpdate(old, moved))
        .extracting(FieldError::message)
        .containsExactly(
            "spec.clusterIPs[0]: Invalid value: []string{\"127.96.0.2\"}: may not change once set");
    assertThat(KubernetesValidator.validateUpdate(old, unset)).isEmpty();
  }

  @Test
  void forbidsRenamingOnUpdate() {
    Deployment old = Defaults.apply(TestManifests.seed("micro-api.yaml", Deployment.class));
    Deployment renamed = Defaults.apply(TestManifests.seed("micro-api.yaml", Deployment.class));
    renamed.getMetadata().setName("other");

    assertThat(KubernetesValidator.validateUpdate(old, renamed))
        .extracting(FieldError::message)
        .containsExactly("metadata.name: Invalid value: \"other\": field is immutable");
  }

  private static ReplicaSet replicaSet(String app) {
    return Defaults.apply(
        TestManifests.decode(
            """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: r}
            spec:
              selector: {matchLabels: {app: %s}}
              template:
                metadata: {labels: {app: %s}}
                spec: {containers: [{name: c, image: nginx}]}
            """
                .formatted(app, app),
            ReplicaSet.class));
  }

  private static List<String> messages(HasMetadata object) {
    return KubernetesValidator.validate(object).stream().map(FieldError::message).toList();
  }
}
