package io.canarymesh.model.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.canarymesh.model.TestManifests;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultsTest {

  @Test
  void defaultsTheSeedDeploymentAsKubeApiserverDoes() {
    Deployment deployment = Defaults.apply(TestManifests.seed("micro-api.yaml", Deployment.class));

    DeploymentSpec spec = deployment.getSpec();
    // given in the manifest, kept
    assertThat(spec.getReplicas()).isEqualTo(3);
    assertThat(spec.getMinReadySeconds()).isEqualTo(5);
    assertThat(spec.getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(spec.getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(1));
    assertThat(spec.getStrategy().getRollingUpdate().getMaxUnavailable())
        .isEqualTo(new IntOrString(1));
    // defaulted
    assertThat(spec.getRevisionHistoryLimit()).isEqualTo(10);
    assertThat(spec.getProgressDeadlineSeconds()).isEqualTo(600);
    PodSpec pod = spec.getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Always");
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirst");
    assertThat(pod.getSchedulerName()).isEqualTo("default-scheduler");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(pod.getSecurityContext()).isEqualTo(new PodSecurityContext());
    assertThat(pod.getEnableServiceLinks()).as("only Pods get service links").isNull();
    Container container = pod.getContainers().get(0);
    assertThat(container.getImagePullPolicy()).isEqualTo("Always");
    assertThat(container.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(container.getTerminationMessagePolicy()).isEqualTo("File");
    assertThat(container.getPorts().get(0).getProtocol()).isEqualTo("TCP");
    assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(19090);
  }

  @Test
  void defaultsTheSeedServiceAsKubeApiserverDoes() {
    Service service = Defaults.apply(TestManifests.seed("micro-api.yaml", Service.class));

    ServiceSpec spec = service.getSpec();
    assertThat(spec.getType()).isEqualTo("ClusterIP");
    assertThat(spec.getSessionAffinity()).isEqualTo("None");
    assertThat(spec.getSessionAffinityConfig()).isNull();
    assertThat(spec.getIpFamilyPolicy()).isEqualTo("SingleStack");
    assertThat(spec.getIpFamilies()).containsExactly("IPv4");
    assertThat(spec.getInternalTrafficPolicy()).isEqualTo("Cluster");
    assertThat(spec.getExternalTrafficPolicy()).isNull();
    assertThat(spec.getClusterIP()).as("allocated by the API server").isNull();
    ServicePort port = spec.getPorts().get(0);
    assertThat(port.getName()).isEqualTo("http");
    assertThat(port.getPort()).isEqualTo(19090);
    assertThat(port.getProtocol()).isEqualTo("TCP");
    assertThat(port.getTargetPort()).isEqualTo(new IntOrString(9090));
    assertThat(spec.getSelector()).isEqualTo(Map.of("app", "micro-api"));
  }

  @Test
  void fillsAnEmptyDeploymentWithTheRollingUpdateDefaults() {
    Deployment deployment =
        Defaults.apply(
            TestManifests.decode(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  selector: {matchLabels: {app: d}}
                  template:
                    metadata: {labels: {app: d}}
                    spec: {containers: [{name: c, image: nginx}]}
                """,
                Deployment.class));

    DeploymentSpec spec = deployment.getSpec();
    assertThat(spec.getReplicas()).isEqualTo(1);
    assertThat(spec.getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(spec.getStrategy().getRollingUpdate().getMaxSurge())
        .isEqualTo(new IntOrString("25%"));
    assertThat(spec.getStrategy().getRollingUpdate().getMaxUnavailable())
        .isEqualTo(new IntOrString("25%"));
    assertThat(spec.getTemplate().getSpec().getContainers().get(0).getImagePullPolicy())
        .isEqualTo("Always");
  }

  @Test
  void leavesRollingUpdateAloneForRecreate() {
    Deployment deployment =
        Defaults.apply(
            TestManifests.decode(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  strategy: {type: Recreate}
                  template: {spec: {containers: [{name: c, image: nginx}]}}
                """,
                Deployment.class));

    assertThat(deployment.getSpec().getStrategy().getRollingUpdate()).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "nginx, Always",
    "nginx:latest, Always",
    "nginx:1.27, IfNotPresent",
    "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.0-SNAPSHOT, IfNotPresent",
    "localhost:5000/app, Always",
    "localhost:5000/app:v2, IfNotPresent",
    "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, IfNotPresent",
    "app:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, Always",
    "'', IfNotPresent",
  })
  void choosesThePullPolicyFromTheTag(String image, String policy) {
    Container container = new ContainerBuilder().withName("c").withImage(image).build();

    PodSpecDefaults.container(container);

    assertThat(container.getImagePullPolicy()).isEqualTo(policy);
  }

  @Test
  void keepsAPullPolicyThatIsSet() {
    Container container =
        new ContainerBuilder()
            .withName("c")
            .withImage("nginx")
            .withImagePullPolicy("Never")
            .build();

    PodSpecDefaults.container(container);

    assertThat(container.getImagePullPolicy()).isEqualTo("Never");
  }

  @Test
  void defaultsProbesAndHttpGet() {
    Pod pod =
        Defaults.apply(
            TestManifests.decode(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: c
                    image: nginx:1
                    readinessProbe: {httpGet: {port: 8080}, periodSeconds: 5}
                    livenessProbe: {tcpSocket: {port: 8080}}
                    resources: {limits: {cpu: 500m}}
                """,
                Pod.class));

    Container container = pod.getSpec().getContainers().get(0);
    Probe readiness = container.getReadinessProbe();
    assertThat(readiness.getTimeoutSeconds()).isEqualTo(1);
    assertThat(readiness.getPeriodSeconds()).isEqualTo(5);
    assertThat(readiness.getSuccessThreshold()).isEqualTo(1);
    assertThat(readiness.getFailureThreshold()).isEqualTo(3);
    assertThat(readiness.getHttpGet().getScheme()).isEqualTo("HTTP");
    assertThat(readiness.getHttpGet().getPath()).isEqualTo("/");
    assertThat(container.getLivenessProbe().getPeriodSeconds()).isEqualTo(10);
    assertThat(pod.getSpec().getEnableServiceLinks()).isTrue();
    assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("500m"));
  }

  @Test
  void defaultsServiceTargetPortAndExternalTypes() {
    Service service =
        Defaults.apply(
            TestManifests.decode(
                """
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  type: LoadBalancer
                  sessionAffinity: ClientIP
                  ports: [{port: 80}]
                """,
                Service.class));

    ServiceSpec spec = service.getSpec();
    assertThat(spec.getPorts().get(0).getTargetPort()).isEqualTo(new IntOrString(80));
    assertThat(spec.getPorts().get(0).getProtocol()).isEqualTo("TCP");
    assertThat(spec.getExternalTrafficPolicy()).isEqualTo("Cluster");
    assertThat(spec.getInternalTrafficPolicy()).isEqualTo("Cluster");
    assertThat(spec.getAllocateLoadBalancerNodePorts()).isTrue();
    assertThat(spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds()).isEqualTo(10800);
  }

  @Test
  void givesExternalNameServicesNoIpFamilies() {
    Service service =
        Defaults.apply(
            TestManifests.decode(
                """
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec: {type: ExternalName, externalName: example.com}
                """,
                Service.class));

    assertThat(service.getSpec().getIpFamilyPolicy()).isNull();
    assertThat(service.getSpec().getIpFamilies()).isEmpty();
    assertThat(service.getSpec().getInternalTrafficPolicy()).isNull();
  }

  @Test
  void defaultsNamespacesAndSecrets() {
    Namespace namespace =
        Defaults.apply(
            new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build());
    Secret secret =
        Defaults.apply(new SecretBuilder().withNewMetadata().withName("s").endMetadata().build());

    assertThat(namespace.getMetadata().getLabels())
        .containsEntry("kubernetes.io/metadata.name", "team");
    assertThat(namespace.getStatus().getPhase()).isEqualTo("Active");
    assertThat(secret.getType()).isEqualTo("Opaque");
  }

  @Test
  void defaultsAReplicaSetAndItsTemplate() {
    ReplicaSet replicaSet =
        Defaults.apply(
            TestManifests.decode(
                """
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: r}
                spec:
                  selector: {matchLabels: {app: r}}
                  template:
                    metadata: {labels: {app: r}}
                    spec: {containers: [{name: c, image: nginx:1}]}
                """,
                ReplicaSet.class));

    assertThat(replicaSet.getSpec().getReplicas()).isEqualTo(1);
    assertThat(replicaSet.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
    assertThat(
            replicaSet
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImagePullPolicy())
        .isEqualTo("IfNotPresent");
  }

  static Stream<HasMetadata> everySeedObject() {
    return TestManifests.SEEDS.stream().flatMap(name -> TestManifests.seed(name).stream());
  }

  @ParameterizedTest
  @MethodSource("everySeedObject")
  void isIdempotent(HasMetadata object) {
    HasMetadata once = Defaults.apply(object);
    String afterOnce = once.toString();

    HasMetadata twice = Defaults.apply(once);

    assertThat(twice.toString()).isEqualTo(afterOnce);
  }

  @Test
  void leavesKindsWithoutDefaultsAlone() {
    var configMap =
        new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
            .withNewMetadata()
            .withName("c")
            .endMetadata()
            .addToData("k", "v")
            .build();
    String before = configMap.toString();

    Defaults.apply(configMap);

    assertThat(configMap.toString()).isEqualTo(before);
    assertThat(List.of(configMap.getData())).containsExactly(Map.of("k", "v"));
  }
}
