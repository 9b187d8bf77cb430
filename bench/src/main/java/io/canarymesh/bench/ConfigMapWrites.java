package io.canarymesh.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The write phases' objects: thread {@code t} creates {@code bench-t-0 … bench-t-(n-1)}, then
 * updates each one with the resourceVersion its create returned (a compare-and-swap PUT, no GET
 * first). Each thread touches only its own row, so the rows need no locking.
 */
final class ConfigMapWrites {
  private final KubernetesClient client;
  private final String namespace;
  private final String payload;
  private final ConfigMap[][] latest;

  ConfigMapWrites(
      KubernetesClient client, String namespace, BenchConfig config, int objectsPerThread) {
    this.client = client;
    this.namespace = namespace;
    this.payload = "x".repeat(config.payloadBytes());
    this.latest = new ConfigMap[config.writerThreads()][objectsPerThread];
  }

  void create(int thread, int index) {
    ConfigMap object =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("bench-" + thread + "-" + index)
            .withNamespace(namespace)
            .addToLabels("app", "canary-bench")
            .endMetadata()
            .addToData("generation", "0")
            .addToData("payload", payload)
            .build();
    latest[thread][index] = client.configMaps().inNamespace(namespace).resource(object).create();
  }

  void update(int thread, int index) {
    ConfigMap current = latest[thread][index];
    ConfigMap next = new ConfigMapBuilder(current).addToData("generation", "1").build();
    latest[thread][index] = client.configMaps().inNamespace(namespace).resource(next).update();
  }

  /** How many objects every thread created: the update phase updates that many per thread. */
  int createdPerThread() {
    int fewest = Integer.MAX_VALUE;
    for (ConfigMap[] row : latest) {
      int created = 0;
      while (created < row.length && row[created] != null) {
        created++;
      }
      fewest = Math.min(fewest, created);
    }
    return fewest;
  }
}
