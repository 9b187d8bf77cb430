package io.canarymesh.node;

import io.canarymesh.apiserver.ControlPlane;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * A test platform: the real control plane on 127.0.0.1:0, a fabric8 client from the kubeconfig it
 * writes, and a node runtime on the same state directory with the test images in {@code
 * images.yaml}.
 */
final class NodePlatform implements AutoCloseable {
  static final String MICRO_API = "registry.cn-hangzhou.aliyuncs.com/wudimanong/micro-api:";

  /** Test images: a crash, a process that reports SIGTERM, one printing its environment. */
  static final String IMAGES =
      """
      images:
        - image: "test/crash:*"
          command: ["sh", "-c", "echo crashing $CRASH_VERSION; exit 3"]
          env:
            CRASH_VERSION: "${TAG}"
        - image: "test/sleeper:*"
          command: ["sh", "-c"]
          args: ["trap 'echo got SIGTERM; exit 0' TERM; echo started; while :; do sleep 0.05; done"]
        - image: "test/stubborn:*"
          command: ["sh", "-c", "trap 'echo ignoring SIGTERM' TERM; echo started; while :; do sleep 0.05; done"]
        - image: "test/ticker:*"
          command: ["sh", "-c", "for i in 1 2 3 4 5; do echo tick $i; sleep 0.3; done"]
        - image: "test/env:*"
          command: ["sh", "-c", "env | sort; echo done; while :; do sleep 0.05; done"]
      """;

  final Path stateDir;
  final ControlPlane controlPlane;
  final KubernetesClient client;
  NodeRuntime runtime;

  final String firstPodIp;

  /**
   * @param firstPodIp where this platform's pod IPs start: each test class takes its own block,
   *     away from 127.244.0.1, so runs on a shared machine do not meet on one IP
   */
  NodePlatform(Path stateDir, String firstPodIp) {
    this.stateDir = stateDir;
    this.firstPodIp = firstPodIp;
    try {
      Files.createDirectories(stateDir);
      Files.writeString(stateDir.resolve("images.yaml"), IMAGES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    controlPlane =
        ControlPlane.start(stateDir, new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
    client = clientFor(controlPlane);
    startRuntime();
  }

  static KubernetesClient clientFor(ControlPlane controlPlane) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(controlPlane.kubeconfig()));
      config.setNamespace("default");
      config.setRequestRetryBackoffLimit(0);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void startRuntime() {
    runtime = NodeRuntime.start(client, NodeConfig.defaults(stateDir).withFirstPodIp(firstPodIp));
    controlPlane.podLogs(runtime.logs());
  }

  Pod create(String name, String image, UnaryOperator<PodBuilder> customize) {
    PodBuilder builder =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .addToLabels("app", name)
            .endMetadata()
            .withNewSpec()
            .withTerminationGracePeriodSeconds(5L)
            .addNewContainer()
            .withName("main")
            .withImage(image)
            .endContainer()
            .endSpec();
    return client.resource(customize.apply(builder).build()).create();
  }

  Pod pod(String name) {
    return client.pods().withName(name).get();
  }

  @Override
  public void close() {
    if (runtime != null) {
      runtime.close();
    }
    client.close();
    controlPlane.close();
  }
}
