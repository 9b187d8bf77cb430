package io.canarymesh.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;

/** fabric8 clients configured from the control plane's kubeconfig, as kubectl would use it. */
final class BenchClients {
  private BenchClients() {}

  /**
   * A client for {@code kubeconfig}: HTTP watches only (the server answers WebSocket upgrades with
   * 503, so asking first would only cost a round trip per watch) and no retries, so every server
   * error is counted rather than hidden behind a retry.
   */
  static KubernetesClient fromKubeconfig(Path kubeconfig) {
    Config config =
        new ConfigBuilder(Config.fromKubeconfig(kubeconfig.toFile()))
            .withOnlyHttpWatches(true)
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
