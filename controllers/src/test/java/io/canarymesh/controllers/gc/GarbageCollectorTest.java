package io.canarymesh.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.canarymesh.controllers.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class GarbageCollectorTest {
  @TempDir Path dir;
  TestCluster cluster;
  KubernetesClient client;

  @BeforeEach
  void start() {
    cluster = TestCluster.start(dir);
    client = cluster.client;
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aPodWhoseOwnerIsGoneIsDeletedAndOneWithALiveOwnerStays() {
    ReplicaSet owner =
        client
            .resource(
                new ReplicaSetBuilder()
                    .withNewMetadata()
                    .withName("keeper")
                    .withNamespace("default")
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(0)
                    .withNewSelector()
                    .withMatchLabels(Map.of("app", "keeper"))
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .withLabels(Map.of("app", "keeper"))
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("c")
                    .withImage("x")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();
    Pod orphan =
        client
            .resource(pod("orphan", "ReplicaSet", "gone", "00000000-0000-0000-0000-000000000001"))
            .create();
    Pod owned =
        client
            .resource(pod("owned", "ReplicaSet", "keeper", owner.getMetadata().getUid()))
            .create();
    // A ConfigMap owner is a kind the collector does not watch: assumed to exist.
    client
        .resource(pod("unknown-owner", "ConfigMap", "cm", "00000000-0000-0000-0000-000000000002"))
        .create();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("marker")
                .withNamespace("default")
                .endMetadata()
                .build())
        .create();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> client.pods().inNamespace("default").withName("orphan").get() == null);
    assertThat(client.pods().inNamespace("default").withName("owned").get()).isNotNull();
    assertThat(client.pods().inNamespace("default").withName("unknown-owner").get()).isNotNull();
    assertThat(orphan.getMetadata().getUid()).isNotBlank();
    assertThat(owned.getMetadata().getUid()).isNotBlank();
  }

  @Test
  void podsCreatedWhileTheirReplicaSetIsBeingDeletedDoNotOutliveIt() {
    // The ReplicaSet controller may create pods from its cache after the API server's cascade
    // ran; whichever way each round races, no pod may be left.
    for (int round = 0; round < 5; round++) {
      String name = "racer-" + round;
      client.resource(replicaSet(name, 3)).create();
      client.apps().replicaSets().inNamespace("default").withName(name).delete();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                        .pods()
                        .inNamespace("default")
                        .withLabel("app", "racer")
                        .list()
                        .getItems()
                        .isEmpty()
                    && client
                        .apps()
                        .replicaSets()
                        .inNamespace("default")
                        .list()
                        .getItems()
                        .isEmpty());
  }

  static ReplicaSet replicaSet(String name, int replicas) {
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Map.of("app", "racer", "round", name))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", "racer", "round", name))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("x")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static Pod pod(String name, String ownerKind, String ownerName, String ownerUid) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(ownerKind.equals("ReplicaSet") ? "apps/v1" : "v1")
                .withKind(ownerKind)
                .withName(ownerName)
                .withUid(ownerUid)
                .build())
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("x")
        .endContainer()
        .endSpec()
        .build();
  }
}
