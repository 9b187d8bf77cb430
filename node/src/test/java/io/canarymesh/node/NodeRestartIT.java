package io.canarymesh.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Stopping and starting the runtime on the same state: pods come back, orphans are killed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(90)
class NodeRestartIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  NodePlatform platform;
  Process stranger;

  @BeforeAll
  void start(@TempDir Path dir) {
    platform = new NodePlatform(dir.resolve("state"), "127.244.203.1");
  }

  @AfterAll
  void stop() {
    if (stranger != null) {
      stranger.destroyForcibly();
    }
    platform.close();
  }

  @Test
  void closeStopsPodsGracefullyAndANewRuntimeStartsThemAgain() throws Exception {
    platform.create("survivor", NodePlatform.MICRO_API + "1.3-SNAPSHOT", b -> b);
    platform.create(
        "ran-once", "test/crash:1", b -> b.editSpec().withRestartPolicy("Never").endSpec());
    Pod before = awaitReady("survivor");
    await()
        .atMost(WAIT)
        .until(
            () ->
                platform.pod("ran-once").getStatus() != null
                    && "Failed".equals(platform.pod("ran-once").getStatus().getPhase()));
    Pod failed = platform.pod("ran-once");
    long pid = NodeRuntimeIT.pid(before.getStatus().getContainerStatuses().get(0));
    Path pidFile = files(before).pidFile("main");
    assertThat(Files.readAllLines(pidFile).get(0)).isEqualTo(Long.toString(pid));

    platform.runtime.close();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(pidFile).doesNotExist();
    assertThat(platform.pod("survivor").getMetadata().getUid())
        .isEqualTo(before.getMetadata().getUid());
    assertThat(Files.readString(files(before).log("main"))).contains("micro-api stopped");

    platform.startRuntime();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Pod after = platform.pod("survivor");
              assertThat(NodeRuntimeIT.condition(after, "Ready").getStatus()).isEqualTo("True");
              assertThat(NodeRuntimeIT.pid(after.getStatus().getContainerStatuses().get(0)))
                  .isNotEqualTo(pid);
            });
    Pod after = platform.pod("survivor");
    assertThat(after.getStatus().getPodIP()).isEqualTo(before.getStatus().getPodIP());
    assertThat(NodeRuntimeIT.get("http://" + after.getStatus().getPodIP() + ":9090/test/test"))
        .contains("V3|");
    // a finished pod is not run again
    assertThat(platform.pod("ran-once").getStatus()).isEqualTo(failed.getStatus());
    assertThat(files(failed).previousLog("main")).doesNotExist();
  }

  @Test
  void processesLeftByAKilledRuntimeAreKilledOnlyWhenTheirCommandLineMatches() throws Exception {
    platform.runtime.close();
    Process orphan = new ProcessBuilder("sleep", "301").start();
    stranger = new ProcessBuilder("sleep", "302").start();
    Path podDir = Files.createDirectories(platform.stateDir.resolve("pods/default_ghost_1234"));
    Files.writeString(
        podDir.resolve("main.pid"),
        orphan.pid() + "\n" + orphan.info().commandLine().orElseThrow() + "\n");
    Files.writeString(podDir.resolve("other.pid"), stranger.pid() + "\n/bin/something else\n");

    assertThat(PidFiles.killOrphans(platform.stateDir.resolve("pods")))
        .isEqualTo(List.of(orphan.pid()));

    assertThat(orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(stranger.isAlive()).isTrue();
    assertThat(podDir.resolve("main.pid")).doesNotExist();
    platform.startRuntime();
  }

  Pod awaitReady(String name) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(NodeRuntimeIT.condition(platform.pod(name), "Ready").getStatus())
                    .isEqualTo("True"));
    return platform.pod(name);
  }

  PodFiles files(Pod pod) {
    return PodFiles.of(
        platform.stateDir.resolve("pods"),
        "default",
        pod.getMetadata().getName(),
        pod.getMetadata().getUid());
  }
}
