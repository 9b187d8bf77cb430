package io.canarymesh.controllers;

import io.canarymesh.apiserver.ControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

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
    ControlPlane controlPlane =
        ControlPlane.start(stateDir, new InetSocketAddress("127.0.0.1", 0), clock);
    KubernetesClient client = client(controlPlane);
    TestKubelet kubelet = TestKubelet.start(client, clock);
    ControllerManager controllers = ControllerManager.start(client, clock);
    return new TestCluster(controlPlane, client, controllers, kubelet);
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
