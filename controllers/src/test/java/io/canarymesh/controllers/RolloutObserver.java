package io.canarymesh.controllers;

import io.canarymesh.controllers.deployment.PodAvailability;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Watches an app's pods and ReplicaSets and records, after every event, the moment's counts: pods
 * not terminating, ready ones, ReplicaSet spec replicas summed, and the names of the ReplicaSets
 * with live pods. Tests assert invariants over every recorded moment.
 */
final class RolloutObserver implements AutoCloseable {
  record Moment(int pods, int readyPods, int specReplicas, List<String> replicaSetsWithPods) {}

  private final String app;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<ReplicaSet> replicaSets;
  private final List<Moment> moments = new ArrayList<>();
  private final Map<String, Pod> podState = new HashMap<>();
  private final Map<String, ReplicaSet> rsState = new HashMap<>();

  RolloutObserver(KubernetesClient client, String app) throws Exception {
    this.app = app;
    pods = client.pods().inNamespace("default").withLabel("app", app).runnableInformer(0);
    replicaSets =
        client
            .apps()
            .replicaSets()
            .inNamespace("default")
            .withLabel("app", app)
            .runnableInformer(0);
    pods.addEventHandler(handler(podState));
    replicaSets.addEventHandler(handler(rsState));
    pods.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
    replicaSets.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceEventHandler<T> handler(
      Map<String, T> state) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        record(() -> state.put(obj.getMetadata().getName(), obj));
      }

      @Override
      public void onUpdate(T old, T obj) {
        record(() -> state.put(obj.getMetadata().getName(), obj));
      }

      @Override
      public void onDelete(T obj, boolean unknown) {
        record(() -> state.remove(obj.getMetadata().getName()));
      }
    };
  }

  private synchronized void record(Runnable change) {
    change.run();
    List<Pod> live =
        podState.values().stream()
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .toList();
    int ready = (int) live.stream().filter(PodAvailability::isReady).count();
    int spec =
        rsState.values().stream()
            .mapToInt(rs -> rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas())
            .sum();
    List<String> withPods =
        live.stream()
            .map(p -> p.getMetadata().getLabels().get("pod-template-hash"))
            .distinct()
            .sorted()
            .toList();
    moments.add(new Moment(live.size(), ready, spec, withPods));
  }

  synchronized List<Moment> moments() {
    return List.copyOf(moments);
  }

  synchronized void clear() {
    moments.clear();
  }

  String app() {
    return app;
  }

  @Override
  public void close() {
    pods.stop();
    replicaSets.stop();
  }
}
