package io.canarymesh.controllers.gc;

import static java.util.Objects.requireNonNull;

import io.canarymesh.controllers.Informers;
import io.canarymesh.controllers.runtime.Keys;
import io.canarymesh.controllers.runtime.Reconciler;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Deletes (Background) a dependent all of whose owners are gone, as Kubernetes' garbage collector
 * does. The API server already deletes dependents within the owner's DELETE; this catches what that
 * cannot, such as a pod a ReplicaSet controller created from its cache just after its ReplicaSet
 * was deleted. An owner missing from the cache is confirmed with a live GET (the cache may not have
 * seen a brand-new owner yet); an owner of a kind this collector does not watch is assumed to
 * exist.
 *
 * <p>Keys are {@code <resource>/<namespace>/<name>} for the watched dependents: {@code pods} and
 * {@code replicasets}.
 */
public final class GarbageCollector implements Reconciler {
  private final KubernetesClient client;
  private final Informers informers;

  public GarbageCollector(KubernetesClient client, Informers informers) {
    this.client = requireNonNull(client, "client");
    this.informers = requireNonNull(informers, "informers");
  }

  public static String key(String resource, HasMetadata object) {
    return resource + "/" + Keys.of(object);
  }

  @Override
  public Optional<Duration> reconcile(String key) {
    int slash = key.indexOf('/');
    String resource = key.substring(0, slash);
    String objectKey = key.substring(slash + 1);
    Optional<? extends HasMetadata> dependent =
        switch (resource) {
          case "pods" -> Informers.get(informers.pods(), objectKey);
          case "replicasets" -> Informers.get(informers.replicaSets(), objectKey);
          default -> Optional.empty();
        };
    if (dependent.isEmpty() || dependent.get().getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    HasMetadata object = dependent.get();
    List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
    if (owners.isEmpty() || owners.stream().anyMatch(ref -> ownerExists(object, ref))) {
      return Optional.empty();
    }
    delete(resource, object);
    return Optional.empty();
  }

  private boolean ownerExists(HasMetadata dependent, OwnerReference ref) {
    String namespace = dependent.getMetadata().getNamespace();
    String ownerKey = Keys.of(namespace, ref.getName());
    SharedIndexInformer<? extends HasMetadata> informer =
        switch (ref.getKind() + "/" + ref.getApiVersion()) {
          case "ReplicaSet/apps/v1" -> informers.replicaSets();
          case "Deployment/apps/v1" -> informers.deployments();
          case "Pod/v1" -> informers.pods();
          case "Service/v1" -> informers.services();
          default -> null;
        };
    if (informer == null) {
      return true;
    }
    HasMetadata cached = informer.getStore().getByKey(ownerKey);
    if (cached != null && ref.getUid().equals(cached.getMetadata().getUid())) {
      return true;
    }
    HasMetadata live =
        client
            .genericKubernetesResources(ref.getApiVersion(), ref.getKind())
            .inNamespace(namespace)
            .withName(ref.getName())
            .get();
    return live != null && ref.getUid().equals(live.getMetadata().getUid());
  }

  private void delete(String resource, HasMetadata object) {
    try {
      String namespace = object.getMetadata().getNamespace();
      String name = object.getMetadata().getName();
      if (resource.equals("pods")) {
        client
            .pods()
            .inNamespace(namespace)
            .withName(name)
            .withPropagationPolicy(DeletionPropagation.BACKGROUND)
            .delete();
      } else {
        client
            .apps()
            .replicaSets()
            .inNamespace(namespace)
            .withName(name)
            .withPropagationPolicy(DeletionPropagation.BACKGROUND)
            .delete();
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}
