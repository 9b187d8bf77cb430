package io.canarymesh.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canarymesh.store.StoreConfig;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod verbs a kubelet and a scheduler rely on, through the real server: graceful deletion,
 * {@code pods/binding} and {@code pods/log}.
 */
@Timeout(60)
class PodLifecycleVerbsTest {
  @TempDir Path dir;
  TestPlatform platform;
  KubernetesClient client;
  HttpClient http;

  @BeforeEach
  void start() {
    platform = new TestPlatform(dir, StoreConfig.defaults());
    client = platform.client();
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stop() {
    http.close();
    client.close();
    platform.close();
  }

  Pod pod(String name, String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .withTerminationGracePeriodSeconds(7L)
        .addNewContainer()
        .withName("main")
        .withImage("nginx")
        .endContainer()
        .addNewContainer()
        .withName("side")
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .build();
  }

  @Test
  void aPodNeverBoundToANodeIsRemovedAtOnce() {
    client.resource(pod("loose", null)).create();

    client.pods().withName("loose").delete();

    assertThat(client.pods().withName("loose").get()).isNull();
  }

  @Test
  void aBoundPodIsMarkedWithItsGracePeriodUntilTheKubeletDeletesItWithGraceZero() {
    client.resource(pod("bound", "canary-node")).create();

    client.pods().withName("bound").delete();

    Pod marked = client.pods().withName("bound").get();
    assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(marked.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(7L);
    // the kubelet's status writes while it stops the containers keep the pod
    marked.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").build());
    client.resource(marked).updateStatus();
    assertThat(client.pods().withName("bound").get()).isNotNull();
    // a shorter grace period from a second delete wins
    client.pods().withName("bound").withGracePeriod(2).delete();
    assertThat(client.pods().withName("bound").get().getMetadata().getDeletionGracePeriodSeconds())
        .isEqualTo(2L);

    client.pods().withName("bound").withGracePeriod(0).delete();

    assertThat(client.pods().withName("bound").get()).isNull();
  }

  @Test
  void deleteOptionsGracePeriodOverridesTheSpecAndAFinishedPodGoesAtOnce() {
    client.resource(pod("quick", "canary-node")).create();
    Pod done = client.resource(pod("done", "canary-node")).create();
    done.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Succeeded").build());
    client.resource(done).updateStatus();

    client.pods().withName("quick").withGracePeriod(3).delete();
    client.pods().withName("done").delete();

    assertThat(client.pods().withName("quick").get().getMetadata().getDeletionGracePeriodSeconds())
        .isEqualTo(3L);
    assertThat(client.pods().withName("done").get()).isNull();
  }

  @Test
  void cascadingDeleteOfAnOwnerDeletesItsBoundPodsGracefully() {
    ReplicaSet owner =
        client
            .resource(
                new ReplicaSetBuilder()
                    .withNewMetadata()
                    .withName("rs")
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(1)
                    .withNewSelector()
                    .addToMatchLabels("app", "x")
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .addToLabels("app", "x")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("main")
                    .withImage("nginx")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();
    Pod child = pod("child", "canary-node");
    child
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("ReplicaSet")
                    .withName("rs")
                    .withUid(owner.getMetadata().getUid())
                    .build()));
    client.resource(child).create();

    client.apps().replicaSets().withName("rs").delete();

    assertThat(client.apps().replicaSets().withName("rs").get()).isNull();
    Pod terminating = client.pods().withName("child").get();
    assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(terminating.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(7L);
  }

  @Test
  void bindingSetsTheNodeOnceAndABoundPodAnswersConflict() throws Exception {
    client.resource(pod("unscheduled", null)).create();
    String binding =
        """
        {"apiVersion":"v1","kind":"Binding","metadata":{"name":"unscheduled"},
         "target":{"apiVersion":"v1","kind":"Node","name":"canary-node"}}
        """;

    HttpResponse<String> first =
        post("/api/v1/namespaces/default/pods/unscheduled/binding", binding);
    HttpResponse<String> second =
        post("/api/v1/namespaces/default/pods/unscheduled/binding", binding);
    HttpResponse<String> missing = post("/api/v1/namespaces/default/pods/nobody/binding", binding);
    HttpResponse<String> noTarget =
        post("/api/v1/namespaces/default/pods/unscheduled/binding", "{\"kind\":\"Binding\"}");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(client.pods().withName("unscheduled").get().getSpec().getNodeName())
        .isEqualTo("canary-node");
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(second.body()).contains("is already assigned to node \\\"canary-node\\\"");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(noTarget.statusCode()).isEqualTo(400);
    Pod moved = client.pods().withName("unscheduled").get();
    moved.getSpec().setNodeName("elsewhere");
    assertThatThrownBy(() -> client.resource(moved).update())
        .isInstanceOfSatisfying(
            io.fabric8.kubernetes.client.KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getMessage())
                  .contains("spec.nodeName: Forbidden: pod updates may not change the node");
            });
  }

  @Test
  void logsAreReadFromThePluggedInRuntimeAfterTheContainerIsChecked() throws Exception {
    client.resource(pod("talker", "canary-node")).create();
    String base = "/api/v1/namespaces/default/pods/talker/log";

    HttpResponse<String> unplugged = get(base + "?container=main");
    List<PodLogs.Request> asked = new ArrayList<>();
    platform.server.podLogs(
        request -> {
          asked.add(request);
          if (request.previous()) {
            throw new IllegalArgumentException("previous terminated container not found");
          }
          return "line for " + request.container() + "\n";
        });
    HttpResponse<String> main = get(base + "?container=main&tailLines=5");
    HttpResponse<String> previous = get(base + "?container=side&previous=true");
    HttpResponse<String> unnamed = get(base);
    HttpResponse<String> unknown = get(base + "?container=nope");
    HttpResponse<String> badTail = get(base + "?container=main&tailLines=-1");

    assertThat(unplugged.statusCode()).isEqualTo(400);
    assertThat(unplugged.body()).contains("no pod runtime serves container logs");
    assertThat(main.statusCode()).isEqualTo(200);
    assertThat(main.headers().firstValue("content-type")).contains("text/plain");
    assertThat(main.body()).isEqualTo("line for main\n");
    assertThat(asked.get(0).tailLines()).hasValue(5);
    assertThat(asked.get(0).uid())
        .isEqualTo(client.pods().withName("talker").get().getMetadata().getUid());
    assertThat(previous.statusCode()).isEqualTo(400);
    assertThat(previous.body()).contains("previous terminated container not found");
    assertThat(unnamed.body())
        .contains("a container name must be specified for pod talker, choose one of: [main side]");
    assertThat(unknown.body()).contains("container nope is not valid for pod talker");
    assertThat(badTail.body()).contains("tailLines: Invalid value: \\\"-1\\\"");
    assertThat(asked).hasSize(2);
  }

  @Test
  void followStreamsWhatThePodLogsSendUntilItReturns() throws Exception {
    client.resource(pod("streamer", "canary-node")).create();
    platform.server.podLogs(
        new PodLogs() {
          @Override
          public String read(PodLogs.Request request) {
            return "first\n";
          }

          @Override
          public void follow(
              PodLogs.Request request,
              java.util.function.Consumer<byte[]> out,
              java.util.function.BooleanSupplier open) {
            out.accept(read(request).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.accept("second\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        });

    HttpResponse<String> followed =
        get("/api/v1/namespaces/default/pods/streamer/log?container=main&follow=true");
    HttpResponse<String> unknown =
        get("/api/v1/namespaces/default/pods/streamer/log?container=nope&follow=true");

    assertThat(followed.statusCode()).isEqualTo(200);
    assertThat(followed.headers().firstValue("content-type")).contains("text/plain");
    assertThat(followed.headers().firstValue("transfer-encoding")).contains("chunked");
    assertThat(followed.body()).isEqualTo("first\nsecond\n");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("container nope is not valid for pod streamer");
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(platform.url() + path))
            .header("Authorization", "Bearer " + TestPlatform.TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(platform.url() + path))
            .header("Authorization", "Bearer " + TestPlatform.TOKEN)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
