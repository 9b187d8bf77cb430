package io.canarymesh.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime against the real API server and real processes: one platform for the class, one pod
 * (with its own name) per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class NodeRuntimeIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  NodePlatform platform;

  @BeforeAll
  void start(@TempDir Path dir) {
    platform = new NodePlatform(dir.resolve("state"), "127.244.201.1");
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void microApiPodRunsOnItsOwnIpReadyAndAnswersWithTheTagsVersion() throws Exception {
    platform.create(
        "web-v3",
        NodePlatform.MICRO_API + "1.3-SNAPSHOT",
        b ->
            b.editSpec()
                .editFirstContainer()
                .addNewPort()
                .withContainerPort(19090)
                .endPort()
                .endContainer()
                .endSpec());

    Pod pod = awaitReady("web-v3");

    assertThat(pod.getSpec().getNodeName()).isEqualTo("canary-node");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    assertThat(pod.getStatus().getPodIP()).startsWith("127.244.201.");
    assertThat(pod.getStatus().getPodIPs()).hasSize(1);
    assertThat(pod.getStatus().getHostIP()).isEqualTo("127.0.0.1");
    assertThat(pod.getStatus().getConditions())
        .extracting(PodCondition::getType, PodCondition::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PodReadyToStartContainers", "True"),
            org.assertj.core.groups.Tuple.tuple("Initialized", "True"),
            org.assertj.core.groups.Tuple.tuple("Ready", "True"),
            org.assertj.core.groups.Tuple.tuple("ContainersReady", "True"),
            org.assertj.core.groups.Tuple.tuple("PodScheduled", "True"));
    assertThat(get("http://" + pod.getStatus().getPodIP() + ":9090/test/test"))
        .contains("V3|Independent test interface return->OK!");
  }

  @Test
  void twoPodsGetDifferentIpsAndBothListenOnTheSamePort() throws Exception {
    platform.create("twin-a", NodePlatform.MICRO_API + "1.0-SNAPSHOT", b -> b);
    platform.create("twin-b", NodePlatform.MICRO_API + "1.0-SNAPSHOT", b -> b);

    String a = awaitReady("twin-a").getStatus().getPodIP();
    String b = awaitReady("twin-b").getStatus().getPodIP();

    assertThat(a).isNotEqualTo(b);
    assertThat(get("http://" + a + ":9090/test/test")).doesNotContain("V3|").contains("OK!");
    assertThat(get("http://" + b + ":9090/healthz")).isEqualTo("ok");
  }

  @Test
  void environmentHasPodIpHostnameServiceVariablesFieldRefsAndExpansion() throws Exception {
    platform
        .client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("env-backend")
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withName("http")
                .withPort(8080)
                .withTargetPort(new IntOrString(9090))
                .endPort()
                .endSpec()
                .build())
        .create();
    String clusterIp =
        platform.client.services().withName("env-backend").get().getSpec().getClusterIP();
    platform.create(
        "env-printer",
        "test/env:1",
        b ->
            b.editSpec()
                .editFirstContainer()
                .addNewEnv()
                .withName("GREETING")
                .withValue("hello")
                .endEnv()
                .addNewEnv()
                .withName("MESSAGE")
                .withValue("$(GREETING) from $(HOSTNAME)")
                .endEnv()
                .addNewEnv()
                .withName("MY_NAMESPACE")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.namespace")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("MY_IP")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("status.podIP")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .endContainer()
                .endSpec());
    Pod pod = awaitReady("env-printer");
    String ip = pod.getStatus().getPodIP();
    Path log = logFile(pod, "main");

    await().atMost(WAIT).until(() -> Files.exists(log) && Files.readString(log).contains("done"));

    assertThat(Files.readString(log))
        .contains("HOSTNAME=env-printer\n")
        .contains("POD_IP=" + ip + "\n")
        .contains("MY_IP=" + ip + "\n")
        .contains("MY_NAMESPACE=default\n")
        .contains("MESSAGE=hello from env-printer\n")
        .contains("ENV_BACKEND_SERVICE_HOST=" + clusterIp + "\n")
        .contains("ENV_BACKEND_SERVICE_PORT=8080\n")
        .contains("ENV_BACKEND_SERVICE_PORT_HTTP=8080\n")
        .contains("ENV_BACKEND_PORT_8080_TCP=tcp://" + clusterIp + ":8080\n");
  }

  @Test
  void unsupportedValueFromIsAClearContainerConfigError() {
    platform.create(
        "bad-env",
        "test/env:1",
        b ->
            b.editSpec()
                .editFirstContainer()
                .addNewEnv()
                .withName("SECRET")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("s")
                .withKey("k")
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .endContainer()
                .endSpec());

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var waiting = container("bad-env").getState().getWaiting();
              assertThat(waiting).isNotNull();
              assertThat(waiting.getReason()).isEqualTo("CreateContainerConfigError");
              assertThat(waiting.getMessage()).contains("SECRET").contains("secretKeyRef");
            });
  }

  @Test
  void unknownImageIsErrImagePullThenImagePullBackOffWithTheMessage() {
    platform.create("no-image", "example.com/nothing/here:1", b -> b);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              var waiting = container("no-image").getState().getWaiting();
              assertThat(waiting).isNotNull();
              assertThat(waiting.getReason()).isEqualTo("ErrImagePull");
              assertThat(waiting.getMessage())
                  .contains("example.com/nothing/here:1")
                  .contains("image catalog");
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(container("no-image").getState().getWaiting().getReason())
                    .isEqualTo("ImagePullBackOff"));
    assertThat(platform.pod("no-image").getStatus().getPhase()).isEqualTo("Pending");
  }

  @Test
  void aCrashingContainerGoesIntoCrashLoopBackOff() {
    platform.create("crasher", "test/crash:7", b -> b);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ContainerStatus status = container("crasher");
              assertThat(status.getState().getWaiting()).isNotNull();
              assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
              assertThat(status.getState().getWaiting().getMessage())
                  .startsWith("back-off 10s restarting failed container=main pod=crasher_default(");
              assertThat(status.getRestartCount()).isEqualTo(1);
              assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(3);
              assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
            });
    assertThat(platform.pod("crasher").getStatus().getPhase()).isEqualTo("Running");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(events("crasher"))
                    .anyMatch(
                        e ->
                            e.matches(
                                "Normal Pulled Container image \"test/crash:7\" already present on machine x[2-9]"))
                    .anyMatch(e -> e.matches("Normal Started Started container main x[2-9]"))
                    .anyMatch(
                        e ->
                            e.startsWith(
                                "Warning BackOff Back-off restarting failed container main in pod crasher_default(")));
    assertThat(platform.client.pods().withName("crasher").getLog()).isEqualTo("crashing 7\n");
  }

  @Test
  void restartPolicyNeverLeavesAFailedPod() {
    platform.create("once", "test/crash:1", b -> b.editSpec().withRestartPolicy("Never").endSpec());

    await().atMost(WAIT).untilAsserted(() -> assertThat(phase("once")).isEqualTo("Failed"));
    ContainerStatus status = container("once");
    assertThat(status.getRestartCount()).isZero();
    assertThat(status.getState().getTerminated().getExitCode()).isEqualTo(3);
  }

  @Test
  void killDashNineRestartsTheContainer() throws Exception {
    platform.create("victim", NodePlatform.MICRO_API + "1.0", b -> b);
    awaitReady("victim");
    long pid = pid(container("victim"));

    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ContainerStatus status = container("victim");
              assertThat(status.getRestartCount()).isEqualTo(1);
              assertThat(status.getReady()).isTrue();
              assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(137);
              assertThat(pid(status)).isNotEqualTo(pid);
            });
    assertThat(platform.client.pods().withName("victim").getLog()).contains("listening on");
  }

  @Test
  void readinessProbesOfEachKindDecideReady() {
    platform.create(
        "ready-http",
        NodePlatform.MICRO_API + "1.0",
        b ->
            b.editSpec()
                .editFirstContainer()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/healthz")
                .withPort(new IntOrString(9090))
                .endHttpGet()
                .withPeriodSeconds(1)
                .endReadinessProbe()
                .endContainer()
                .endSpec());
    platform.create(
        "ready-tcp-wrong-port",
        NodePlatform.MICRO_API + "1.0",
        b ->
            b.editSpec()
                .editFirstContainer()
                .withNewReadinessProbe()
                .withNewTcpSocket()
                .withPort(new IntOrString(9999))
                .endTcpSocket()
                .withPeriodSeconds(1)
                .endReadinessProbe()
                .endContainer()
                .endSpec());
    platform.create(
        "ready-exec-true",
        "test/sleeper:1",
        b ->
            b.editSpec()
                .editFirstContainer()
                .withNewReadinessProbe()
                .withNewExec()
                .withCommand("sh", "-c", "test \"$HOSTNAME\" = ready-exec-true")
                .endExec()
                .withPeriodSeconds(1)
                .endReadinessProbe()
                .endContainer()
                .endSpec());
    platform.create(
        "ready-exec-false",
        "test/sleeper:1",
        b ->
            b.editSpec()
                .editFirstContainer()
                .withNewReadinessProbe()
                .withNewExec()
                .withCommand("false")
                .endExec()
                .withPeriodSeconds(1)
                .endReadinessProbe()
                .endContainer()
                .endSpec());

    awaitReady("ready-http");
    awaitReady("ready-exec-true");
    for (String name : new String[] {"ready-tcp-wrong-port", "ready-exec-false"}) {
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Pod pod = platform.pod(name);
                assertThat(phase(name)).isEqualTo("Running");
                assertThat(condition(pod, "Ready").getStatus()).isEqualTo("False");
                assertThat(condition(pod, "Ready").getMessage())
                    .isEqualTo("containers with unready status: [main]");
              });
    }
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainer() {
    platform.create(
        "unhealthy",
        NodePlatform.MICRO_API + "1.0",
        b ->
            b.editSpec()
                .editFirstContainer()
                .withNewLivenessProbe()
                .withNewHttpGet()
                .withPath("/missing")
                .withPort(new IntOrString(9090))
                .endHttpGet()
                .withInitialDelaySeconds(1)
                .withPeriodSeconds(1)
                .withFailureThreshold(1)
                .endLivenessProbe()
                .endContainer()
                .endSpec());

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ContainerStatus status = container("unhealthy");
              assertThat(status.getRestartCount()).isGreaterThanOrEqualTo(1);
              assertThat(status.getLastState().getTerminated()).isNotNull();
            });
    assertThat(events("unhealthy"))
        .anyMatch(e -> e.startsWith("Warning Unhealthy Liveness probe failed: "))
        .anyMatch(
            e ->
                e.startsWith(
                    "Normal Killing Container main failed liveness probe, will be restarted"));
  }

  @Test
  void aStartupProbeHoldsOtherProbesBackAndRestartsAContainerThatNeverStarts() {
    platform.create(
        "slow-start",
        NodePlatform.MICRO_API + "1.0",
        b ->
            b.editSpec()
                .editFirstContainer()
                .withNewStartupProbe()
                .withNewTcpSocket()
                .withPort(new IntOrString(9090))
                .endTcpSocket()
                .withPeriodSeconds(1)
                .withFailureThreshold(30)
                .endStartupProbe()
                .endContainer()
                .endSpec());
    platform.create(
        "never-starts",
        "test/sleeper:1",
        b ->
            b.editSpec()
                .editFirstContainer()
                .withNewStartupProbe()
                .withNewExec()
                .withCommand("false")
                .endExec()
                .withPeriodSeconds(1)
                .withFailureThreshold(1)
                .endStartupProbe()
                .endContainer()
                .endSpec());

    assertThat(awaitReady("slow-start").getStatus().getContainerStatuses().get(0).getStarted())
        .isTrue();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ContainerStatus status = container("never-starts");
              assertThat(status.getRestartCount()).isGreaterThanOrEqualTo(1);
              assertThat(status.getReady()).isFalse();
            });
  }

  @Test
  void initContainersRunInOrderToCompletionBeforeTheMainContainer() throws Exception {
    platform.create(
        "with-init",
        "test/env:1",
        b ->
            b.editSpec()
                .addNewInitContainer()
                .withName("first")
                .withImage("test/sleeper:1")
                .withCommand("sh", "-c", "echo one > ../order.txt")
                .endInitContainer()
                .addNewInitContainer()
                .withName("second")
                .withImage("test/sleeper:1")
                .withCommand("sh", "-c", "echo two >> ../order.txt")
                .endInitContainer()
                .endSpec());

    Pod pod = awaitReady("with-init");

    assertThat(pod.getStatus().getInitContainerStatuses())
        .allSatisfy(
            s -> {
              assertThat(s.getState().getTerminated().getReason()).isEqualTo("Completed");
              assertThat(s.getReady()).isTrue();
            });
    assertThat(Files.readString(logFile(pod, "main").getParent().resolveSibling("order.txt")))
        .isEqualTo("one\ntwo\n");
  }

  @Test
  void aFailingInitContainerIsRetriedAndKeepsThePodInitializing() {
    platform.create(
        "init-fails",
        "test/sleeper:1",
        b ->
            b.editSpec()
                .addNewInitContainer()
                .withName("setup")
                .withImage("test/crash:1")
                .endInitContainer()
                .endSpec());

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Pod pod = platform.pod("init-fails");
              assertThat(pod.getStatus()).isNotNull();
              assertThat(pod.getStatus().getInitContainerStatuses()).isNotEmpty();
              assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
              var init = pod.getStatus().getInitContainerStatuses().get(0);
              assertThat(init.getRestartCount()).isEqualTo(1);
              assertThat(init.getState().getWaiting()).isNotNull();
              assertThat(init.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
              assertThat(
                      pod.getStatus()
                          .getContainerStatuses()
                          .get(0)
                          .getState()
                          .getWaiting()
                          .getReason())
                  .isEqualTo("PodInitializing");
            });
  }

  @Test
  void deletionLeavesEndpointsFirstThenSigtermThenRemovesThePod() throws Exception {
    Pod pod = platform.create("leaver", "test/sleeper:1", b -> b);
    pod = awaitReady("leaver");
    String ip = pod.getStatus().getPodIP();
    long pid = pid(container("leaver"));
    Path log = logFile(pod, "main");
    platform
        .client
        .resource(
            new EndpointsBuilder()
                .withNewMetadata()
                .withName("leaver")
                .endMetadata()
                .addNewSubset()
                .addNewAddress()
                .withIp(ip)
                .endAddress()
                .addNewPort()
                .withPort(9090)
                .endPort()
                .endSubset()
                .build())
        .create();

    platform.client.pods().withName("leaver").delete();

    Pod terminating = platform.pod("leaver");
    assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(terminating.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(5L);
    // still listed in endpoints: the process keeps running (bounded by the 2 s drain timeout)
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(1))
        .until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    platform.client.endpoints().withName("leaver").delete();

    await().atMost(WAIT).until(() -> platform.pod("leaver") == null);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(Files.readString(log)).isEqualTo("started\ngot SIGTERM\n");
  }

  @Test
  void aProcessIgnoringSigtermIsKilledAfterTheGracePeriod() {
    platform.create(
        "stubborn",
        "test/stubborn:1",
        b -> b.editSpec().withTerminationGracePeriodSeconds(1L).endSpec());
    awaitReady("stubborn");
    long pid = pid(container("stubborn"));
    long started = System.nanoTime();

    platform.client.pods().withName("stubborn").delete();

    await().atMost(WAIT).until(() -> platform.pod("stubborn") == null);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  // ---- helpers

  /** The pod's phase, empty until it has a status. */
  String phase(String pod) {
    return Optional.ofNullable(platform.pod(pod))
        .map(Pod::getStatus)
        .map(s -> s.getPhase())
        .orElse("");
  }

  /** The pod's events as {@code "type reason message xCOUNT"}. */
  java.util.List<String> events(String pod) {
    return platform
        .client
        .v1()
        .events()
        .withField("involvedObject.name", pod)
        .list()
        .getItems()
        .stream()
        .map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage() + " x" + e.getCount())
        .toList();
  }

  Pod awaitReady(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Pod pod = platform.pod(name);
              assertThat(pod.getStatus()).isNotNull();
              assertThat(pod.getStatus().getConditions()).isNotNull();
              assertThat(condition(pod, "Ready").getStatus()).isEqualTo("True");
            });
    return platform.pod(name);
  }

  static PodCondition condition(Pod pod, String type) {
    if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      throw new AssertionError("pod has no conditions yet: " + pod);
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  ContainerStatus container(String pod) {
    return Optional.ofNullable(platform.pod(pod).getStatus())
        .map(s -> s.getContainerStatuses())
        .filter(l -> !l.isEmpty())
        .map(l -> l.get(0))
        .orElseThrow(() -> new AssertionError("no container status yet for " + pod));
  }

  static long pid(ContainerStatus status) {
    return Long.parseLong(status.getContainerID().substring("process://".length()));
  }

  Path logFile(Pod pod, String container) {
    return PodFiles.of(
            platform.stateDir.resolve("pods"),
            "default",
            pod.getMetadata().getName(),
            pod.getMetadata().getUid())
        .log(container);
  }

  static String get(String url) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
