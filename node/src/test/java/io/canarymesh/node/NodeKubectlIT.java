package io.canarymesh.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against the platform with the runtime: get, logs, delete. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class NodeKubectlIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  NodePlatform platform;
  Path scratch;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  void start(@TempDir Path dir) {
    scratch = dir;
    platform = new NodePlatform(dir.resolve("state"), "127.244.202.1");
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void getPodsShowsReadyRunningRestartsAndWideShowsIpAndNode() throws Exception {
    Result applied =
        kubectlWithInput(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: shown
            spec:
              containers:
                - name: micro-api
                  image: registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.0-SNAPSHOT
                  ports:
                    - containerPort: 19090
            """,
            "apply",
            "-f",
            "-");
    assertThat(applied.exit()).as(applied.err()).isZero();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(kubectl("get", "pods", "shown").out())
                    .matches("(?s).*shown\\s+1/1\\s+Running\\s+0\\s+.*"));
    String ip = platform.pod("shown").getStatus().getPodIP();
    Result describe = kubectl("describe", "pod", "shown");
    assertThat(describe.out())
        .contains("Node:         canary-node/127.0.0.1\n")
        .contains("Status:       Running\n")
        .contains("IP:           " + ip + "\n")
        .contains("    Ready:          True\n")
        .contains("    Restart Count:  0\n");
    assertThat(describe.out())
        .containsPattern(
            "Normal +Scheduled +\\S+ +default-scheduler +Successfully assigned default/shown to canary-node")
        .containsPattern(
            "Normal +Pulled +\\S+ +kubelet +Container image \"registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.0-SNAPSHOT\" already present on machine")
        .containsPattern("Normal +Created +\\S+ +kubelet +Created container: micro-api")
        .containsPattern("Normal +Started +\\S+ +kubelet +Started container micro-api");
    assertThat(kubectl("get", "pods", "shown", "-o", "wide").out())
        .matches(
            "(?s).*shown\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+"
                + ip.replace(".", "\\.")
                + "\\s+canary-node\\s+.*");
  }

  @Test
  void getPodsShowsCrashLoopBackOffAndImagePullBackOffAsKubernetesDoes() {
    platform.create("looping", "test/crash:1", b -> b);
    platform.create("missing-image", "example.com/none/such:1", b -> b);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(kubectl("get", "pods", "looping", "missing-image").out())
                    .containsPattern("looping\\s+0/1\\s+CrashLoopBackOff\\s+1 \\(\\S+ ago\\)\\s+")
                    .containsPattern(
                        "missing-image\\s+0/1\\s+(ErrImagePull|ImagePullBackOff)\\s+0\\s+"));
  }

  @Test
  void logsPrintsTheContainersOutputAndPreviousAfterARestart() throws Exception {
    platform.create("talker", NodePlatform.MICRO_API + "1.3-SNAPSHOT", b -> b);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(kubectl("logs", "talker").out())
                    .contains("micro-api 1.3-SNAPSHOT listening on "));
    Result noPrevious = kubectl("logs", "talker", "--previous");
    assertThat(noPrevious.exit()).isNotZero();
    assertThat(noPrevious.err())
        .contains("previous terminated container \"main\" in pod \"talker\" not found");
    long pid = NodeRuntimeIT.pid(platform.pod("talker").getStatus().getContainerStatuses().get(0));

    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        platform
                            .pod("talker")
                            .getStatus()
                            .getContainerStatuses()
                            .get(0)
                            .getRestartCount())
                    .isEqualTo(1));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(kubectl("logs", "talker").out()).contains("listening on"));
    assertThat(kubectl("logs", "talker", "-p").out()).contains("listening on");
    assertThat(kubectl("logs", "talker", "--tail=1").out()).hasLineCount(1);
    Result wrong = kubectl("logs", "talker", "-c", "nope");
    assertThat(wrong.err()).contains("container nope is not valid for pod talker");
  }

  @Test
  void logsFollowStreamsUntilTheContainerExits() throws Exception {
    platform.create(
        "ticker", "test/ticker:1", b -> b.editSpec().withRestartPolicy("Never").endSpec());
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(kubectl("logs", "ticker").out()).startsWith("tick 1\n"));

    Result followed = kubectl("logs", "-f", "ticker");

    assertThat(followed.exit()).as(followed.err()).isZero();
    assertThat(followed.out()).isEqualTo("tick 1\ntick 2\ntick 3\ntick 4\ntick 5\n");
  }

  @Test
  void deletePodWaitsUntilTheContainerHasStoppedAndThePodIsGone() throws Exception {
    platform.create("doomed", "test/sleeper:1", b -> b);
    await().atMost(WAIT).until(() -> kubectl("get", "pods", "doomed").out().contains("1/1"));
    long pid = NodeRuntimeIT.pid(platform.pod("doomed").getStatus().getContainerStatuses().get(0));

    Result deleted = kubectl("delete", "pod", "doomed");

    assertThat(deleted.exit()).as(deleted.err()).isZero();
    assertThat(deleted.out()).isEqualTo("pod \"doomed\" deleted\n");
    assertThat(platform.pod("doomed")).isNull();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(kubectl("get", "pod", "doomed").err()).contains("pods \"doomed\" not found");
  }

  Result kubectl(String... args) throws IOException, InterruptedException {
    return kubectlWithInput("", args);
  }

  Result kubectlWithInput(String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/kubectl");
    command.add("--kubeconfig=" + platform.controlPlane.kubeconfig());
    command.add("--cache-dir=" + scratch.resolve("kubectl-cache"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(scratch, "out", ".txt");
    Path err = Files.createTempFile(scratch, "err", ".txt");
    Path in = Files.writeString(Files.createTempFile(scratch, "in", ".txt"), stdin);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("KUBECONFIG");
    builder.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
