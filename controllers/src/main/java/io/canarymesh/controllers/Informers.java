package io.canarymesh.controllers;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One informer (watch + local cache) per kind the controllers read, all namespaces, shared by every
 * controller. Cached objects are shared: readers copy before changing one.
 */
public record Informers(
    SharedIndexInformer<Deployment> deployments,
    SharedIndexInformer<ReplicaSet> replicaSets,
    SharedIndexInformer<Pod> pods,
    SharedIndexInformer<Service> services,
    SharedIndexInformer<Endpoints> endpoints) {

  /** Informers, not started yet, so handlers can be added before the first event. */
  static Informers create(KubernetesClient client) {
    requireNonNull(client, "client");
    return new Informers(
        client.apps().deployments().inAnyNamespace().runnableInformer(0),
        client.apps().replicaSets().inAnyNamespace().runnableInformer(0),
        client.pods().inAnyNamespace().runnableInformer(0),
        client.services().inAnyNamespace().runnableInformer(0),
        client.endpoints().inAnyNamespace().runnableInformer(0));
  }

  List<SharedIndexInformer<? extends HasMetadata>> all() {
    return List.of(deployments, replicaSets, pods, services, endpoints);
  }

  /** Starts every informer and waits until each has listed its kind. */
  void startAndSync(Duration timeout) throws Exception {
    CompletableFuture<?>[] synced =
        all().stream().map(i -> i.start().toCompletableFuture()).toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(synced).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop() {
    all().forEach(SharedIndexInformer::stop);
  }

  /** The cached object {@code key} ({@code namespace/name}). */
  public static <T extends HasMetadata> Optional<T> get(
      SharedIndexInformer<T> informer, String key) {
    return Optional.ofNullable(informer.getStore().getByKey(key));
  }

  /** The cached objects in {@code namespace}. */
  public static <T extends HasMetadata> List<T> inNamespace(
      SharedIndexInformer<T> informer, String namespace) {
    return informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }
}
