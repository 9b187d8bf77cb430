package io.canarymesh.controllers;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/** Builders and queries the controller tests share. */
public final class Workloads {
  public static final String IMAGE = "registry.example/web:1";

  private Workloads() {}

  public static DeploymentBuilder deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Map.of("app", name))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", name))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage(IMAGE)
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec();
  }

  public static DeploymentBuilder rolling(
      DeploymentBuilder builder, Object surge, Object unavailable) {
    return builder
        .editSpec()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(intOrString(surge))
        .withMaxUnavailable(intOrString(unavailable))
        .endRollingUpdate()
        .endStrategy()
        .endSpec();
  }

  private static IntOrString intOrString(Object value) {
    return value instanceof Integer i ? new IntOrString(i) : new IntOrString((String) value);
  }

  public static Deployment get(KubernetesClient client, String name) {
    return client.apps().deployments().inNamespace("default").withName(name).get();
  }

  public static List<ReplicaSet> replicaSets(KubernetesClient client, String app) {
    return client
        .apps()
        .replicaSets()
        .inNamespace("default")
        .withLabel("app", app)
        .list()
        .getItems();
  }

  public static List<Pod> pods(KubernetesClient client, String app) {
    return client.pods().inNamespace("default").withLabel("app", app).list().getItems();
  }

  /**
   * {@code kubectl set image}: a strategic merge patch without resourceVersion, as kubectl sends.
   */
  public static void setImage(KubernetesClient client, String name, String image) {
    patch(
        client,
        name,
        PatchType.STRATEGIC_MERGE,
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\""
            + image
            + "\"}]}}}}");
  }

  /** {@code kubectl scale}: replicas set without a resourceVersion precondition. */
  public static void scale(KubernetesClient client, String name, int replicas) {
    patch(client, name, PatchType.JSON_MERGE, "{\"spec\":{\"replicas\":" + replicas + "}}");
  }

  /** {@code kubectl rollout pause/resume}. */
  public static void setPaused(KubernetesClient client, String name, boolean paused) {
    patch(client, name, PatchType.JSON_MERGE, "{\"spec\":{\"paused\":" + paused + "}}");
  }

  private static void patch(KubernetesClient client, String name, PatchType type, String body) {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .withName(name)
        .patch(PatchContext.of(type), body);
  }

  /** Sets a pod's finalizers with a merge patch (the test kubelet writes its status meanwhile). */
  public static void setFinalizers(KubernetesClient client, String pod, List<String> finalizers) {
    String list =
        finalizers.stream()
            .map(f -> "\"" + f + "\"")
            .collect(java.util.stream.Collectors.joining(","));
    client
        .pods()
        .inNamespace("default")
        .withName(pod)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"finalizers\":[" + list + "]}}");
  }

  /** Whether the Deployment's status shows a finished rollout of its current generation. */
  public static boolean rolledOut(Deployment d, int replicas) {
    return d.getStatus() != null
        && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
        && Integer.valueOf(replicas).equals(d.getStatus().getUpdatedReplicas())
        && Integer.valueOf(replicas).equals(d.getStatus().getReplicas())
        && Integer.valueOf(replicas).equals(d.getStatus().getAvailableReplicas());
  }

  public static int specReplicas(ReplicaSet rs) {
    return rs.getSpec().getReplicas();
  }
}
