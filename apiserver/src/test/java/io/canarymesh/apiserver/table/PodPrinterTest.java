package io.canarymesh.apiserver.table;

import static io.canarymesh.apiserver.table.TableFixtures.NOW;
import static io.canarymesh.apiserver.table.TableFixtures.cells;
import static io.canarymesh.apiserver.table.TableFixtures.kind;
import static io.canarymesh.apiserver.table.TableFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodPrinterTest {
  /** A pod of the article's Deployment created 15 minutes before {@link TableFixtures#NOW}. */
  private static final String POD =
      """
      metadata:
        name: micro-api-7c9f8d6b5-x2x7q
        creationTimestamp: "2025-06-01T11:45:00Z"
        labels: {app: micro-api, pod-template-hash: 7c9f8d6b5}
      spec:
        nodeName: canary-node
        containers:
          - {name: micro-api, image: "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:1.0-SNAPSHOT"}
      """;

  private static final String RUNNING_READY =
      """
        containerStatuses:
          - name: micro-api
            ready: true
            restartCount: 0
            state: {running: {startedAt: "2025-06-01T11:45:03Z"}}
      """;

  /** READY, STATUS and RESTARTS of a pod with the given status. */
  @ParameterizedTest(name = "{0}")
  @MethodSource
  void readyStatusAndRestarts(String name, String statusYaml, String expected) {
    String pod = POD + "status:\n" + statusYaml;
    JsonNode cells = yaml(cells("pods", pod));

    assertThat(cells.get(1).asText() + " " + cells.get(2).asText() + " " + cells.get(3).asText())
        .isEqualTo(expected);
  }

  static Stream<Arguments> readyStatusAndRestarts() {
    return Stream.of(
        Arguments.of("running and ready", "  phase: Running\n" + RUNNING_READY, "1/1 Running 0"),
        Arguments.of("pending, not scheduled", "  phase: Pending\n", "0/1 Pending 0"),
        Arguments.of(
            "creating the container",
            """
              phase: Pending
              containerStatuses:
                - {name: micro-api, ready: false, restartCount: 0, state: {waiting: {reason: ContainerCreating}}}
            """,
            "0/1 ContainerCreating 0"),
        Arguments.of(
            "unknown image",
            """
              phase: Pending
              containerStatuses:
                - {name: micro-api, ready: false, restartCount: 0, state: {waiting: {reason: ErrImagePull, message: "image not in catalog"}}}
            """,
            "0/1 ErrImagePull 0"),
        Arguments.of(
            "backing off an unknown image",
            """
              phase: Pending
              containerStatuses:
                - {name: micro-api, ready: false, restartCount: 0, state: {waiting: {reason: ImagePullBackOff}}}
            """,
            "0/1 ImagePullBackOff 0"),
        Arguments.of(
            "crash looping, last restart 45s ago",
            """
              phase: Running
              containerStatuses:
                - name: micro-api
                  ready: false
                  restartCount: 4
                  state: {waiting: {reason: CrashLoopBackOff}}
                  lastState: {terminated: {exitCode: 1, reason: Error, finishedAt: "2025-06-01T11:59:15Z"}}
            """,
            "0/1 CrashLoopBackOff 4 (45s ago)"),
        Arguments.of(
            "running again after restarts",
            """
              phase: Running
              containerStatuses:
                - name: micro-api
                  ready: true
                  restartCount: 2
                  state: {running: {startedAt: "2025-06-01T11:57:00Z"}}
                  lastState: {terminated: {exitCode: 137, reason: Error, finishedAt: "2025-06-01T11:56:48Z"}}
            """,
            "1/1 Running 2 (3m12s ago)"),
        Arguments.of(
            "restarted without a recorded finish time",
            """
              phase: Running
              containerStatuses:
                - {name: micro-api, ready: true, restartCount: 1, state: {running: {}}}
            """,
            "1/1 Running 1"),
        Arguments.of(
            "running but not ready",
            """
              phase: Running
              containerStatuses:
                - {name: micro-api, ready: false, restartCount: 0, state: {running: {}}}
            """,
            "0/1 Running 0"),
        Arguments.of(
            "completed",
            """
              phase: Succeeded
              containerStatuses:
                - {name: micro-api, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}
            """,
            "0/1 Completed 0"),
        Arguments.of(
            "failed with a reason",
            """
              phase: Failed
              containerStatuses:
                - {name: micro-api, ready: false, restartCount: 0, state: {terminated: {exitCode: 1, reason: Error}}}
            """,
            "0/1 Error 0"),
        Arguments.of(
            "terminated without a reason",
            """
              phase: Failed
              containerStatuses:
                - {name: micro-api, ready: false, restartCount: 0, state: {terminated: {exitCode: 137}}}
            """,
            "0/1 ExitCode:137 0"),
        Arguments.of(
            "killed by a signal",
            """
              phase: Failed
              containerStatuses:
                - {name: micro-api, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, signal: 9}}}
            """,
            "0/1 Signal:9 0"),
        Arguments.of(
            "evicted",
            "  phase: Failed\n  reason: Evicted\n  message: The node was low on memory.\n",
            "0/1 Evicted 0"),
        Arguments.of(
            "scheduling gated",
            """
              phase: Pending
              conditions:
                - {type: PodScheduled, status: "False", reason: SchedulingGated}
            """,
            "0/1 SchedulingGated 0"));
  }

  /** The first app container decides STATUS; statuses are walked from the last one. */
  @Test
  void firstContainerDecidesStatus() {
    String pod =
        POD
            + """
            status:
              phase: Running
              containerStatuses:
                - {name: a, ready: false, restartCount: 1, state: {waiting: {reason: CrashLoopBackOff}}}
                - {name: b, ready: false, restartCount: 2, state: {waiting: {reason: ErrImagePull}}}
            """;

    JsonNode cells = yaml(cells("pods", pod));

    assertThat(cells.get(2).asText()).isEqualTo("CrashLoopBackOff");
    assertThat(cells.get(3).asText()).isEqualTo("3");
  }

  /** A completed container next to a running one: Running when the pod is Ready, else NotReady. */
  @ParameterizedTest(name = "Ready={0} → {1}")
  @MethodSource
  void completedBesideRunning(String ready, String expected) {
    String pod =
        """
        metadata: {name: job-with-helper}
        spec:
          containers: [{name: task}, {name: helper}]
        status:
          phase: Running
          conditions: [{type: Ready, status: "%s"}]
          containerStatuses:
            - {name: task, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}
            - {name: helper, ready: true, restartCount: 0, state: {running: {}}}
        """
            .formatted(ready);

    JsonNode cells = yaml(cells("pods", pod));

    assertThat(cells.get(1).asText() + " " + cells.get(2).asText()).isEqualTo(expected);
  }

  static Stream<Arguments> completedBesideRunning() {
    return Stream.of(Arguments.of("True", "1/2 Running"), Arguments.of("False", "1/2 NotReady"));
  }

  /** Init containers: the first one that has not finished holds the pod. */
  @ParameterizedTest(name = "{0}")
  @MethodSource
  void initContainers(String name, String initStatuses, String expected) {
    String pod =
        """
        metadata: {name: with-init}
        spec:
          initContainers: [{name: migrate}, {name: warm-up}]
          containers: [{name: app}]
        status:
          phase: Pending
          initContainerStatuses:
        %s
          containerStatuses:
            - {name: app, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}
        """
            .formatted(initStatuses.indent(4).stripTrailing());

    JsonNode cells = yaml(cells("pods", pod));

    assertThat(cells.get(1).asText() + " " + cells.get(2).asText() + " " + cells.get(3).asText())
        .isEqualTo(expected);
  }

  static Stream<Arguments> initContainers() {
    return Stream.of(
        Arguments.of(
            "first one starting",
            """
            - {name: migrate, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}
            - {name: warm-up, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}
            """,
            "0/1 Init:0/2 0"),
        Arguments.of(
            "first one done, second running",
            """
            - {name: migrate, ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: Completed}}}
            - {name: warm-up, ready: false, restartCount: 0, state: {running: {}}}
            """,
            "0/1 Init:1/2 0"),
        Arguments.of(
            "image not found",
            """
            - {name: migrate, ready: false, restartCount: 0, state: {waiting: {reason: ErrImagePull}}}
            - {name: warm-up, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}
            """,
            "0/1 Init:ErrImagePull 0"),
        Arguments.of(
            "failed with a reason, restarted",
            """
            - name: migrate
              ready: false
              restartCount: 3
              state: {terminated: {exitCode: 1, reason: Error}}
              lastState: {terminated: {exitCode: 1, reason: Error, finishedAt: "2025-06-01T11:40:00Z"}}
            - {name: warm-up, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}
            """,
            "0/1 Init:Error 3 (20m ago)"),
        Arguments.of(
            "failed without a reason",
            """
            - {name: migrate, ready: false, restartCount: 0, state: {terminated: {exitCode: 2}}}
            - {name: warm-up, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}
            """,
            "0/1 Init:ExitCode:2 0"),
        Arguments.of(
            "killed by a signal",
            """
            - {name: migrate, ready: false, restartCount: 0, state: {terminated: {exitCode: 143, signal: 15}}}
            - {name: warm-up, ready: false, restartCount: 0, state: {waiting: {reason: PodInitializing}}}
            """,
            "0/1 Init:Signal:15 0"));
  }

  /** Sidecars (restartPolicy: Always) count as containers and their restarts as the pod's. */
  @Test
  void sidecarsCountAsContainers() {
    String pod =
        """
        metadata: {name: with-sidecar}
        spec:
          initContainers: [{name: proxy, restartPolicy: Always}]
          containers: [{name: app}]
        status:
          phase: Running
          conditions: [{type: Initialized, status: "True"}, {type: Ready, status: "True"}]
          initContainerStatuses:
            - name: proxy
              ready: true
              started: true
              restartCount: 1
              state: {running: {}}
              lastState: {terminated: {exitCode: 1, finishedAt: "2025-06-01T11:58:00Z"}}
          containerStatuses:
            - {name: app, ready: true, restartCount: 0, state: {running: {}}}
        """;

    JsonNode cells = yaml(cells("pods", pod));

    assertThat(cells.get(1).asText() + " " + cells.get(2).asText() + " " + cells.get(3).asText())
        .isEqualTo("2/2 Running 1 (2m ago)");
  }

  @ParameterizedTest(name = "phase {0}, status.reason {1} → {2}")
  @MethodSource
  void deletedPods(String phase, String reason, String expected) {
    String pod =
        """
        metadata: {name: going, deletionTimestamp: "2025-06-01T11:59:50Z"}
        spec:
          containers: [{name: app}]
        status: {phase: %s, reason: "%s"}
        """
            .formatted(phase, reason);

    assertThat(yaml(cells("pods", pod)).get(2).asText()).isEqualTo(expected);
  }

  static Stream<Arguments> deletedPods() {
    return Stream.of(
        Arguments.of("Running", "", "Terminating"),
        Arguments.of("Pending", "", "Terminating"),
        Arguments.of("Succeeded", "", "Succeeded"),
        Arguments.of("Failed", "", "Failed"),
        Arguments.of("Running", "NodeLost", "Unknown"));
  }

  @Test
  void wideCells() {
    String pod =
        POD
            + """
              readinessGates: [{conditionType: "canary/traffic"}, {conditionType: "canary/analysis"}]
            status:
              phase: Running
              podIP: 127.244.0.7
              podIPs: [{ip: 127.244.0.7}]
              nominatedNodeName: other-node
              conditions:
                - {type: "canary/traffic", status: "True"}
                - {type: "canary/analysis", status: "False"}
            """
            + RUNNING_READY;

    assertThat(cells("pods", pod))
        .isEqualTo(
            """
            ["micro-api-7c9f8d6b5-x2x7q","1/1","Running","0","15m",\
            "127.244.0.7","canary-node","other-node","1/2"]""");
  }

  @Test
  void wideCellsOfAPodNotYetScheduled() {
    assertThat(cells("pods", POD.replace("  nodeName: canary-node\n", "")))
        .isEqualTo(
            """
            ["micro-api-7c9f8d6b5-x2x7q","0/1","","0","15m","<none>","<none>","<none>","<none>"]""");
  }

  /** Our runtime may set only status.podIP; kube's conversion fills podIPs from it. */
  @Test
  void podIpWithoutPodIps() {
    String pod = POD + "status:\n  phase: Running\n  podIP: 127.244.0.9\n";

    assertThat(yaml(cells("pods", pod)).get(5).asText()).isEqualTo("127.244.0.9");
  }

  @Test
  void finishedPodsCarryACompletedRowCondition() {
    String succeeded = POD + "status: {phase: Succeeded}\n";
    String failed = POD + "status: {phase: Failed}\n";
    String running = POD + "status: {phase: Running}\n";

    assertThat(rowConditions(succeeded))
        .isEqualTo(
            """
            [{"type":"Completed","status":"True","reason":"Succeeded",\
            "message":"The pod has completed successfully."}]""");
    assertThat(rowConditions(failed))
        .isEqualTo(
            """
            [{"type":"Completed","status":"True","reason":"Failed","message":"The pod failed."}]""");
    assertThat(rowConditions(running)).isEqualTo("");
  }

  private static String rowConditions(String pod) {
    JsonNode row = TableBuilder.table(kind("pods"), List.of(yaml(pod)), "1", NOW).at("/rows/0");
    return row.has("conditions") ? row.get("conditions").toString() : "";
  }
}
