package io.canarymesh.controllers;

import static java.util.Objects.requireNonNull;

import io.canarymesh.controllers.deployment.DeploymentReconciler;
import io.canarymesh.controllers.endpoints.EndpointsReconciler;
import io.canarymesh.controllers.events.EventRecorder;
import io.canarymesh.controllers.gc.GarbageCollector;
import io.canarymesh.controllers.replicaset.ReplicaSetReconciler;
import io.canarymesh.controllers.runtime.ControllerLoop;
import io.canarymesh.controllers.runtime.Expectations;
import io.canarymesh.controllers.runtime.Keys;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Starts the controllers against an API server and stops them: shared informers for Deployments,
 * ReplicaSets, Pods, Services and Endpoints, and one {@link ControllerLoop} per controller whose
 * queue the informers' events feed. {@link #start} returns once every cache has synced.
 */
public final class ControllerManager implements AutoCloseable {
  static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

  private final Informers informers;
  private final List<ControllerLoop> loops;

  private ControllerManager(Informers informers, List<ControllerLoop> loops) {
    this.informers = informers;
    this.loops = loops;
  }

  public static ControllerManager start(KubernetesClient client, Clock clock) {
    requireNonNull(client, "client");
    requireNonNull(clock, "clock");
    Informers informers = Informers.create(client);
    Expectations expectations = new Expectations();
    ControllerLoop deployments =
        new ControllerLoop(
            "deployment",
            new DeploymentReconciler(
                client,
                informers,
                new EventRecorder(client, clock, DeploymentReconciler.COMPONENT),
                clock));
    ControllerLoop replicaSets =
        new ControllerLoop(
            "replicaset",
            new ReplicaSetReconciler(
                client,
                informers,
                expectations,
                new EventRecorder(client, clock, ReplicaSetReconciler.COMPONENT),
                clock));
    ControllerLoop endpoints =
        new ControllerLoop("endpoints", new EndpointsReconciler(client, informers));
    ControllerLoop gc =
        new ControllerLoop("garbage-collector", new GarbageCollector(client, informers));
    List<ControllerLoop> loops = List.of(deployments, replicaSets, endpoints, gc);
    ControllerManager manager = new ControllerManager(informers, loops);
    try {
      new EventWiring(informers, expectations, deployments, replicaSets, endpoints, gc).register();
      informers.startAndSync(SYNC_TIMEOUT);
      deployments.start(2);
      replicaSets.start(2);
      endpoints.start(2);
      gc.start(1);
      return manager;
    } catch (Exception e) {
      manager.close();
      throw new IllegalStateException("cannot start the controllers: " + e.getMessage(), e);
    }
  }

  /** Stops the workers, then the informers; no thread of the controllers is left. */
  @Override
  public void close() {
    loops.forEach(ControllerLoop::close);
    informers.stop();
  }

  /** Which informer event queues which key, as each Kubernetes controller's event handlers do. */
  private record EventWiring(
      Informers informers,
      Expectations expectations,
      ControllerLoop deployments,
      ControllerLoop replicaSets,
      ControllerLoop endpoints,
      ControllerLoop gc) {

    void register() {
      informers
          .deployments()
          .addEventHandler(
              handler(
                  d -> deployments.enqueue(Keys.of(d)), (o, n) -> deployments.enqueue(Keys.of(n))));
      informers
          .replicaSets()
          .addEventHandler(handler(this::replicaSetChanged, (o, n) -> replicaSetChanged(n)));
      informers.pods().addEventHandler(podHandler());
      informers
          .services()
          .addEventHandler(
              handler(s -> endpoints.enqueue(Keys.of(s)), (o, n) -> endpoints.enqueue(Keys.of(n))));
      informers
          .endpoints()
          .addEventHandler(handler(this::endpointsChanged, (o, n) -> endpointsChanged(n)));
    }

    private void replicaSetChanged(ReplicaSet rs) {
      replicaSets.enqueue(Keys.of(rs));
      ownerKey(rs, "Deployment").ifPresent(deployments::enqueue);
      gc.enqueue(GarbageCollector.key("replicasets", rs));
    }

    /** Hand-written Endpoints are left alone; those of a selector Service are repaired. */
    private void endpointsChanged(Endpoints e) {
      Service service = informers.services().getStore().getByKey(Keys.of(e));
      if (service != null && service.getSpec().getSelector() != null) {
        endpoints.enqueue(Keys.of(e));
      }
    }

    private ResourceEventHandler<Pod> podHandler() {
      return new ResourceEventHandler<>() {
        @Override
        public void onAdd(Pod pod) {
          ownerKey(pod, "ReplicaSet").ifPresent(expectations::creationObserved);
          podChanged(pod, null);
        }

        @Override
        public void onUpdate(Pod old, Pod pod) {
          if (old.getMetadata().getDeletionTimestamp() == null
              && pod.getMetadata().getDeletionTimestamp() != null) {
            ownerKey(pod, "ReplicaSet").ifPresent(expectations::deletionObserved);
          }
          podChanged(pod, old);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
          if (pod.getMetadata().getDeletionTimestamp() == null) {
            ownerKey(pod, "ReplicaSet").ifPresent(expectations::deletionObserved);
          }
          podChanged(pod, null);
          ownerKey(pod, "ReplicaSet")
              .map(informers.replicaSets().getStore()::getByKey)
              .flatMap(rs -> ownerKey(rs, "Deployment"))
              .ifPresent(deployments::enqueue);
        }
      };
    }

    private void podChanged(Pod pod, Pod old) {
      ownerKey(pod, "ReplicaSet").ifPresent(replicaSets::enqueue);
      if (old != null) {
        ownerKey(old, "ReplicaSet").ifPresent(replicaSets::enqueue);
      }
      gc.enqueue(GarbageCollector.key("pods", pod));
      String namespace = pod.getMetadata().getNamespace();
      for (Service service : Informers.inNamespace(informers.services(), namespace)) {
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
          continue;
        }
        if (selects(selector, pod) || (old != null && selects(selector, old))) {
          endpoints.enqueue(Keys.of(service));
        }
      }
    }

    private static boolean selects(Map<String, String> selector, Pod pod) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      return labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    private static java.util.Optional<String> ownerKey(HasMetadata object, String kind) {
      return Keys.controllerOf(object)
          .filter(ref -> Objects.equals(kind, ref.getKind()))
          .map(ref -> Keys.of(object.getMetadata().getNamespace(), ref.getName()));
    }

    private static <T> ResourceEventHandler<T> handler(
        Consumer<T> added, BiConsumer<T, T> updated) {
      return new ResourceEventHandler<>() {
        @Override
        public void onAdd(T obj) {
          added.accept(obj);
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
          updated.accept(oldObj, newObj);
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
          added.accept(obj);
        }
      };
    }
  }
}
