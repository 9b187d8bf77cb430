package io.canarymesh.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canarymesh.store.StoreConfig;
import io.fabric8.istio.api.networking.v1alpha3.VirtualService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST verbs through fabric8's client (the one the controllers use), against the real server.
 */
@org.junit.jupiter.api.Timeout(60)
class ResourceVerbsTest {
  static final Path SEED = Path.of("../scenarios/seed");

  @TempDir Path dir;
  TestPlatform platform;
  KubernetesClient client;

  @BeforeEach
  void start() {
    platform = new TestPlatform(dir, StoreConfig.builder().retainedRevisions(50).build());
    client = platform.client();
  }

  @AfterEach
  void stop() {
    client.close();
    platform.close();
  }

  List<HasMetadata> seed(String file) throws Exception {
    try (var in = new FileInputStream(SEED.resolve(file).toFile())) {
      return client.load(in).items();
    }
  }

  @Test
  void createsDefaultsAndReadsTheArticlesDeployment() throws Exception {
    for (HasMetadata object : seed("micro-api.yaml")) {
      client.resource(object).create();
    }

    Deployment deployment = client.apps().deployments().withName("micro-api").get();
    assertThat(deployment.getMetadata().getUid()).isNotBlank();
    assertThat(deployment.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(deployment.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(deployment.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
    Service service = client.services().withName("micro-api").get();
    assertThat(service.getSpec().getClusterIP()).startsWith("127.");
    assertThat(client.apps().deployments().withLabel("app", "micro-api").list().getItems())
        .isEmpty();
    assertThat(client.services().withLabelSelector("app notin (x)").list().getItems()).hasSize(1);
  }

  @Test
  void staleUpdatesConflictAndPatchesApply() throws Exception {
    client.resource(seed("micro-api.yaml").get(1)).create();
    Deployment first = client.apps().deployments().withName("micro-api").get();
    client.apps().deployments().withName("micro-api").scale(5);

    first.getSpec().setReplicas(7);
    assertThatThrownBy(() -> client.resource(first).update())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));

    Deployment patched =
        client
            .apps()
            .deployments()
            .withName("micro-api")
            .patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"micro-api\"}],"
                    + "\"containers\":[{\"image\":\"registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.1-SNAPSHOT\",\"name\":\"micro-api\"}]}}}}");
    assertThat(patched.getSpec().getReplicas()).isEqualTo(5);
    assertThat(patched.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .endsWith(":1.1-SNAPSHOT");
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(3L);
  }

  @Test
  void rejectsInvalidObjectsWithEveryCauseAndStoresNothing() {
    Deployment invalid = new Deployment();
    invalid.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("web").build());
    invalid.setSpec(new io.fabric8.kubernetes.api.model.apps.DeploymentSpec());
    invalid.getSpec().setReplicas(-1);

    assertThatThrownBy(() -> client.resource(invalid).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(
            e -> {
              KubernetesClientException k = (KubernetesClientException) e;
              assertThat(k.getCode()).isEqualTo(422);
              assertThat(k.getStatus().getMessage())
                  .startsWith("Deployment.apps \"web\" is invalid: [")
                  .contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0")
                  .contains("spec.selector: Required value");
              assertThat(k.getStatus().getDetails().getCauses())
                  .anySatisfy(c -> assertThat(c.getField()).isEqualTo("spec.replicas"));
            });
    assertThat(client.apps().deployments().list().getItems()).isEmpty();
  }

  @Test
  void servesIstioKindsAtEveryVersionFromOneStoredForm() throws Exception {
    client.resource(seed("virtual-service-all.yaml").get(0)).create();

    VirtualService v1alpha3 =
        client.resources(VirtualService.class).withName("micro-api-route").get();
    var v1 =
        client
            .resources(io.fabric8.istio.api.networking.v1.VirtualService.class)
            .withName("micro-api-route")
            .get();

    assertThat(v1alpha3.getApiVersion()).isEqualTo("networking.istio.io/v1alpha3");
    assertThat(v1.getApiVersion()).isEqualTo("networking.istio.io/v1");
    assertThat(v1.getSpec().getHttp().get(0).getRoute().get(1).getWeight()).isEqualTo(30);
    assertThatThrownBy(
            () ->
                client
                    .resources(VirtualService.class)
                    .withName("micro-api-route")
                    .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{}}"))
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(415));
  }

  @Test
  void watchesFromARevisionAndReportsGoneForCompactedOnes() throws Exception {
    ConfigMap first = client.configMaps().resource(configMap("a")).create();
    String from = first.getMetadata().getResourceVersion();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (var watch =
        client
            .configMaps()
            .withResourceVersion(from)
            .watch(
                new Watcher<ConfigMap>() {
                  @Override
                  public void eventReceived(Action action, ConfigMap resource) {
                    seen.add(action + " " + resource.getMetadata().getName());
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      client.configMaps().resource(configMap("b")).create();
      client.configMaps().withName("a").delete();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 2);
    }
    assertThat(seen).containsExactly("ADDED b", "DELETED a");

    for (int i = 0; i < 60; i++) {
      client.configMaps().resource(configMap("c" + i)).create();
    }
    platform.store.compact();
    List<String> closed = new CopyOnWriteArrayList<>();
    client
        .configMaps()
        .withResourceVersion(from)
        .watch(
            new Watcher<ConfigMap>() {
              @Override
              public void eventReceived(Action action, ConfigMap resource) {}

              @Override
              public void onClose(WatcherException cause) {
                closed.add(String.valueOf(cause));
              }
            });
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !closed.isEmpty());
    assertThat(closed.get(0)).contains("too old resource version");
  }

  @Test
  void backgroundDeletionRemovesDependents() throws Exception {
    Deployment owner = client.resource((Deployment) seed("micro-api.yaml").get(1)).create();
    ReplicaSet dependent =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName("micro-api-abc")
            .addNewOwnerReference()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withName("micro-api")
            .withUid(owner.getMetadata().getUid())
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .withSpec(
                owner.getSpec().getTemplate() == null
                    ? null
                    : new io.fabric8.kubernetes.api.model.apps.ReplicaSetSpecBuilder()
                        .withReplicas(1)
                        .withSelector(owner.getSpec().getSelector())
                        .withTemplate(owner.getSpec().getTemplate())
                        .build())
            .build();
    client.resource(dependent).create();

    client.apps().deployments().withName("micro-api").delete();

    assertThat(client.apps().deployments().withName("micro-api").get()).isNull();
    assertThat(client.apps().replicaSets().withName("micro-api-abc").get()).isNull();
  }

  @Test
  void anInformerListsThenFollowsChanges() {
    client.configMaps().resource(configMap("before")).create();
    List<String> seen = new CopyOnWriteArrayList<>();
    var informer =
        client
            .configMaps()
            .inform(
                new io.fabric8.kubernetes.client.informers.ResourceEventHandler<ConfigMap>() {
                  @Override
                  public void onAdd(ConfigMap obj) {
                    seen.add("add " + obj.getMetadata().getName());
                  }

                  @Override
                  public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                    seen.add(
                        "update "
                            + newObj.getMetadata().getName()
                            + " "
                            + newObj.getData().get("k"));
                  }

                  @Override
                  public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                    seen.add("delete " + obj.getMetadata().getName());
                  }
                });
    try {
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
      client.configMaps().resource(configMap("after")).create();
      client
          .configMaps()
          .withName("before")
          .edit(
              cm -> {
                cm.getData().put("k", "changed");
                return cm;
              });
      client.configMaps().withName("after").delete();

      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 4);
      assertThat(seen)
          .containsExactly("add before", "add after", "update before changed", "delete after");
      assertThat(informer.getStore().list())
          .extracting(cm -> cm.getMetadata().getName())
          .containsExactly("before");
    } finally {
      informer.close();
    }
  }

  @Test
  void generateNameGetsAFiveCharacterSuffix() {
    ConfigMap created =
        client
            .configMaps()
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withGenerateName("cm-")
                    .endMetadata()
                    .build())
            .create();

    assertThat(created.getMetadata().getName()).matches("cm-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(client.configMaps().withName(created.getMetadata().getName()).get()).isNotNull();
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToData("k", "v")
        .build();
  }
}
