package io.canarymesh.controllers;

import io.canarymesh.apiserver.ControlPlane;
import io.canarymesh.apiserver.security.ServerCredentials;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

/**
 * The real control plane on 127.0.0.1:0, a fabric8 client built from the kubeconfig it wrote, the
 * controllers, and a {@link TestKubelet}; closed in reverse order.
 */
public final class TestCluster implements AutoCloseable {
  public final ControlPlane controlPlane;
  public final KubernetesClient client;
  public final ControllerManager controllers;
  public final TestKubelet kubelet;

  private TestCluster(
      ControlPlane controlPlane,
      KubernetesClient client,
      ControllerManager controllers,
      TestKubelet kubelet) {
    this.controlPlane = controlPlane;
    this.client = client;
    this.controllers = controllers;
    this.kubelet = kubelet;
  }

  public static TestCluster start(Path stateDir) {
    return start(stateDir, Clock.systemUTC());
  }

  public static TestCluster start(Path stateDir, Clock clock) {
    copyCredentials(stateDir);
    ControlPlane controlPlane =
        ControlPlane.start(stateDir, new InetSocketAddress("127.0.0.1", 0), clock);
    KubernetesClient client = client(controlPlane);
    TestKubelet kubelet = TestKubelet.start(client, clock);
    ControllerManager controllers = ControllerManager.start(client, clock);
    return new TestCluster(controlPlane, client, controllers, kubelet);
  }

  /** Generated once per test JVM: making a CA and serving key is the slow part of a start. */
  private static Path sharedCredentials;

  /**
   * Seeds {@code stateDir} with one shared CA, serving certificate and token, as the apiserver's
   * kubectl tests do, so each control plane starts without generating keys.
   */
  public static synchronized void copyCredentials(Path stateDir) {
    try {
      if (sharedCredentials == null) {
        Path dir = Files.createTempDirectory("controllers-credentials-");
        ServerCredentials.loadOrCreate(dir, Clock.systemUTC());
        sharedCredentials = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      }
      Files.createDirectories(stateDir);
      try (Stream<Path> files = Files.walk(sharedCredentials)) {
        for (Path source : files.toList()) {
          Path target = stateDir.resolve(sharedCredentials.relativize(source).toString());
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else if (!Files.exists(target)) {
            Files.copy(source, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit
    }
  }

  public static KubernetesClient client(ControlPlane controlPlane) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(controlPlane.kubeconfig()));
      config.setNamespace("default");
      config.setRequestRetryBackoffLimit(0);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    controllers.close();
    kubelet.close();
    client.close();
    controlPlane.close();
  }
}
