package io.canarymesh.apiserver.kubectl;

import static io.canarymesh.testing.kubectl.KubectlResult.failure;
import static io.canarymesh.testing.kubectl.KubectlResult.success;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The article's part 1 and 2 commands on the micro-api Deployment: describe, set image, scale,
 * rollout pause and resume, delete -f. Each asserts what kubectl prints and what the server stored
 * (the spec change, and a new generation exactly when the spec changed).
 */
@ExtendWith(KubectlClusterExtension.class)
@Timeout(60)
class KubectlDeploymentCommandsIT {
  static final String DEPLOYMENTS = "apps/deployments";
  static final String IMAGE = "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api";

  /** Go's time.RFC1123Z, which describe prints timestamps in (kubectl runs with TZ=UTC). */
  static final DateTimeFormatter RFC1123Z =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

  @BeforeEach
  void applyMicroApi(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("apply", "-f", "micro-api.yaml"))
        .isEqualTo(success("service/micro-api created\ndeployment.apps/micro-api created\n"));
  }

  /** No controllers yet: no status, no ReplicaSets (so no Old/NewReplicaSet lines), no events. */
  @Test
  void describeDeployment(KubectlCluster cluster) {
    String created = RFC1123Z.format(cluster.clock().instant().atZone(cluster.clock().getZone()));

    assertThat(cluster.kubectl().run("describe", "deployment", "micro-api"))
        .isEqualTo(
            success(
                """
                Name:                   micro-api
                Namespace:              default
                CreationTimestamp:      %s
                Labels:                 <none>
                Annotations:            <none>
                Selector:               app=micro-api
                Replicas:               3 desired | 0 updated | 0 total | 0 available | 0 unavailable
                StrategyType:           RollingUpdate
                MinReadySeconds:        5
                RollingUpdateStrategy:  1 max unavailable, 1 max surge
                Pod Template:
                  Labels:  app=micro-api
                  Containers:
                   micro-api:
                    Image:         %s:1.0-SNAPSHOT
                    Port:          19090/TCP
                    Host Port:     0/TCP
                    Environment:   <none>
                    Mounts:        <none>
                  Volumes:         <none>
                  Node-Selectors:  <none>
                  Tolerations:     <none>
                Events:            <none>
                """
                    .formatted(created, IMAGE)));
  }

  @Test
  void setImageChangesTheContainerImageAndBumpsTheGeneration(KubectlCluster cluster) {
    assertThat(
            cluster
                .kubectl()
                .run(
                    "set", "image", "deployment/micro-api", "micro-api=" + IMAGE + ":1.1-SNAPSHOT"))
        .isEqualTo(success("deployment.apps/micro-api image updated\n"));

    JsonNode deployment = cluster.stored(DEPLOYMENTS, "micro-api");
    assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo(IMAGE + ":1.1-SNAPSHOT");
    assertThat(deployment.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt())
        .as("the rest of the container is kept")
        .isEqualTo(19090);
    assertThat(deployment.at("/spec/template/spec/containers").size()).isEqualTo(1);
    assertThat(deployment.at("/metadata/generation").asLong()).isEqualTo(2);
  }

  @Test
  void setImageToTheSameImageChangesNothing(KubectlCluster cluster) {
    long revision = cluster.revision();

    assertThat(
            cluster
                .kubectl()
                .run(
                    "set", "image", "deployment/micro-api", "micro-api=" + IMAGE + ":1.0-SNAPSHOT"))
        .isEqualTo(success(""));
    assertThat(cluster.revision()).isEqualTo(revision);
  }

  @Test
  void scaleSetsTheReplicas(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("scale", "deployment", "micro-api", "--replicas=5"))
        .isEqualTo(success("deployment.apps/micro-api scaled\n"));

    JsonNode deployment = cluster.stored(DEPLOYMENTS, "micro-api");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(5);
    assertThat(deployment.at("/metadata/generation").asLong()).isEqualTo(2);
  }

  @Test
  void rolloutPauseThenResume(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("rollout", "pause", "deployment/micro-api"))
        .isEqualTo(success("deployment.apps/micro-api paused\n"));
    JsonNode paused = cluster.stored(DEPLOYMENTS, "micro-api");
    assertThat(paused.at("/spec/paused").asBoolean()).isTrue();
    assertThat(paused.at("/metadata/generation").asLong()).isEqualTo(2);

    assertThat(cluster.kubectl().run("rollout", "resume", "deployment/micro-api"))
        .isEqualTo(success("deployment.apps/micro-api resumed\n"));
    JsonNode resumed = cluster.stored(DEPLOYMENTS, "micro-api");
    assertThat(resumed.path("spec").has("paused")).as("resume sends paused: null").isFalse();
    assertThat(resumed.at("/metadata/generation").asLong()).isEqualTo(3);
  }

  @Test
  void pausingTwiceIsRefusedByKubectl(KubectlCluster cluster) {
    cluster.kubectl().run("rollout", "pause", "deployment/micro-api");
    long revision = cluster.revision();

    assertThat(cluster.kubectl().run("rollout", "pause", "deployment/micro-api"))
        .isEqualTo(failure("error: deployments.apps \"micro-api\" is already paused\n"));
    assertThat(cluster.revision()).isEqualTo(revision);
  }

  @Test
  void resumingARunningDeploymentIsRefusedByKubectl(KubectlCluster cluster) {
    long revision = cluster.revision();

    assertThat(cluster.kubectl().run("rollout", "resume", "deployment/micro-api"))
        .isEqualTo(failure("error: deployments.apps \"micro-api\" is not paused\n"));
    assertThat(cluster.revision()).isEqualTo(revision);
  }

  @Test
  void deleteByFileDeletesEveryObjectInIt(KubectlCluster cluster) {
    assertThat(cluster.kubectl().run("delete", "-f", "micro-api.yaml"))
        .isEqualTo(
            success(
                """
                service "micro-api" deleted
                deployment.apps "micro-api" deleted
                """));

    assertThat(cluster.find("services", "micro-api")).isEmpty();
    assertThat(cluster.find(DEPLOYMENTS, "micro-api")).isEmpty();
  }

  @Test
  void deletingAgainFindsNothingToDelete(KubectlCluster cluster) {
    cluster.kubectl().run("delete", "-f", "micro-api.yaml");
    long revision = cluster.revision();

    assertThat(cluster.kubectl().run("delete", "-f", "micro-api.yaml"))
        .isEqualTo(
            failure(
                """
                Error from server (NotFound): error when deleting "micro-api.yaml": \
                services "micro-api" not found
                Error from server (NotFound): error when deleting "micro-api.yaml": \
                deployments.apps "micro-api" not found
                """));
    assertThat(cluster.revision()).isEqualTo(revision);
  }
}
