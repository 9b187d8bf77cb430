package io.canarymesh.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodEnvironmentTest {

  static Service service(String name, String ip) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withClusterIP(ip)
        .addNewPort()
        .withName("http")
        .withPort(19090)
        .withTargetPort(new IntOrString(9090))
        .withProtocol("TCP")
        .endPort()
        .addNewPort()
        .withName("admin-port")
        .withPort(9000)
        .endPort()
        .endSpec()
        .build();
  }

  @Test
  void serviceVariablesFollowKubernetesNaming() {
    assertThat(PodEnvironment.serviceVariables(service("micro-api", "127.96.0.7")))
        .containsExactly(
            Map.entry("MICRO_API_SERVICE_HOST", "127.96.0.7"),
            Map.entry("MICRO_API_SERVICE_PORT", "19090"),
            Map.entry("MICRO_API_SERVICE_PORT_HTTP", "19090"),
            Map.entry("MICRO_API_SERVICE_PORT_ADMIN_PORT", "9000"),
            Map.entry("MICRO_API_PORT", "tcp://127.96.0.7:19090"),
            Map.entry("MICRO_API_PORT_19090_TCP", "tcp://127.96.0.7:19090"),
            Map.entry("MICRO_API_PORT_19090_TCP_PROTO", "tcp"),
            Map.entry("MICRO_API_PORT_19090_TCP_PORT", "19090"),
            Map.entry("MICRO_API_PORT_19090_TCP_ADDR", "127.96.0.7"),
            Map.entry("MICRO_API_PORT_9000_TCP", "tcp://127.96.0.7:9000"),
            Map.entry("MICRO_API_PORT_9000_TCP_PROTO", "tcp"),
            Map.entry("MICRO_API_PORT_9000_TCP_PORT", "9000"),
            Map.entry("MICRO_API_PORT_9000_TCP_ADDR", "127.96.0.7"));
    assertThat(PodEnvironment.serviceVariables(service("headless", "None"))).isEmpty();
  }

  @Test
  void containerEnvWinsOverImageAndKubernetesVariablesAndExpandsReferences() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("web-1")
            .withNamespace("shop")
            .withUid("u1")
            .addToLabels("app", "web")
            .endMetadata()
            .withNewSpec()
            .withNodeName("canary-node")
            .addNewContainer()
            .withName("main")
            .withImage("x")
            .addNewEnv()
            .withName("PORT")
            .withValue("8080")
            .endEnv()
            .addNewEnv()
            .withName("URL")
            .withValue("http://$(POD_IP):$(PORT)/$(MISSING) $$(PORT)")
            .endEnv()
            .addNewEnv()
            .withName("APP")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("metadata.labels['app']")
            .endFieldRef()
            .endValueFrom()
            .endEnv()
            .addNewEnv()
            .withName("NODE")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("spec.nodeName")
            .endFieldRef()
            .endValueFrom()
            .endEnv()
            .endContainer()
            .endSpec()
            .build();

    Map<String, String> env =
        PodEnvironment.of(
            pod,
            pod.getSpec().getContainers().get(0),
            "127.244.0.3",
            "127.0.0.1",
            List.of(service("db", "127.96.0.9")),
            Map.of("PORT", "9090", "FROM_IMAGE", "yes"));

    assertThat(env)
        .containsEntry("FROM_IMAGE", "yes")
        .containsEntry("PORT", "8080")
        .containsEntry("HOSTNAME", "web-1")
        .containsEntry("POD_IP", "127.244.0.3")
        .containsEntry("DB_SERVICE_HOST", "127.96.0.9")
        .containsEntry("URL", "http://127.244.0.3:8080/$(MISSING) $(PORT)")
        .containsEntry("APP", "web")
        .containsEntry("NODE", "canary-node");
  }

  @Test
  void anUnsupportedValueFromNamesTheVariable() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("p")
            .withNamespace("d")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("main")
            .withImage("x")
            .addNewEnv()
            .withName("LIMIT")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("spec.unknown")
            .endFieldRef()
            .endValueFrom()
            .endEnv()
            .endContainer()
            .endSpec()
            .build();

    assertThatThrownBy(
            () ->
                PodEnvironment.of(
                    pod, pod.getSpec().getContainers().get(0), "ip", "host", List.of(), Map.of()))
        .hasMessage("env LIMIT: valueFrom.fieldRef.fieldPath: Unsupported value: \"spec.unknown\"");
  }
}
