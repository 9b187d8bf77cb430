package io.canarymesh.cli.platform;

import io.canarymesh.apiserver.ControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The platform's own components reach the API server exactly as kubectl does: through the
 * kubeconfig it wrote (HTTPS, its CA, the bearer token), so they would run unchanged against
 * another API server.
 */
public final class PlatformClient {
  private PlatformClient() {}

  public static KubernetesClient of(ControlPlane controlPlane) {
    return of(controlPlane.kubeconfig());
  }

  /** A client for the API server a kubeconfig names. */
  public static KubernetesClient of(Path kubeconfig) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      config.setNamespace("default");
      // components retry through their work queues; the client should fail fast
      config.setRequestRetryBackoffLimit(0);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kubeconfig, e);
    }
  }
}
